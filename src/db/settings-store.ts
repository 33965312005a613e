import { sql } from 'drizzle-orm';
import { settingsSchema, type Settings, type SettingsKey } from '../config/settings.ts';
import type { Db, Tx } from './client.ts';
import { settings } from './schema/index.ts';

/** Reads all settings, falling back to each key's default for anything missing or invalid. */
export async function readSettings(db: Db | Tx): Promise<Settings> {
  const rows = await db.select().from(settings);
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = row.value;
  const shape = settingsSchema.shape;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(shape) as Array<keyof typeof shape>) {
    const parsed = shape[key].safeParse(stored[key]);
    result[key] = parsed.success ? parsed.data : shape[key].parse(undefined);
  }
  return result as Settings;
}

/** Validates a partial update against the settings schema and stores it. Throws ZodError. */
export async function writeSettings(db: Db | Tx, update: Partial<Settings>): Promise<Settings> {
  // Only the keys given are parsed: zod 4 applies `.default()` inside `.partial()`, which would
  // silently reset every key not in the update to its default.
  const given = Object.keys(update).filter((key) => key in settingsSchema.shape);
  const picked = settingsSchema.pick(Object.fromEntries(given.map((key) => [key, true])) as { [K in SettingsKey]?: true });
  const valid: Record<string, unknown> = picked.parse(update);
  for (const [key, value] of Object.entries(valid)) {
    if (value === undefined) {
      await db.delete(settings).where(sql`${settings.key} = ${key}`);
      continue;
    }
    await db
      .insert(settings)
      .values({ key, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  }
  return readSettings(db);
}

/** Internal values that are not user settings (the generated API key, instance id). */
export async function readInternal(db: Db | Tx, key: string): Promise<unknown> {
  const [row] = await db.select().from(settings).where(sql`${settings.key} = ${`internal:${key}`}`);
  return row?.value;
}

export async function writeInternal(db: Db | Tx, key: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ key: `internal:${key}`, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}
