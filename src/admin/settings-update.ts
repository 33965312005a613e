import { z } from 'zod';
import { issuesOf } from './admin-schemas.ts';
import { settingsSchema, type Settings, type SettingsKey } from '../config/settings.ts';
import { isMaskedKey, maskApiKey } from '../connections/connection-store.ts';
import type { Db } from '../db/client.ts';
import { readSettings, writeSettings } from '../db/settings-store.ts';
import { rescheduleReconcile } from '../sync/reconcile.ts';
import type { PgBoss } from 'pg-boss';

// One schema for a settings change, used by PUT /api/v1/settings and by every settings form, so
// both accept and refuse exactly the same values. Rules per key come from settingsSchema itself.

/** Set by their own actions: the cookies upload and the profiles page. */
const MANAGED_ELSEWHERE = ['cookiesFile', 'defaultProfileId'] as const satisfies SettingsKey[];
export type EditableSettingKey = Exclude<SettingsKey, (typeof MANAGED_ELSEWHERE)[number]>;

export const editableSettingKeys = (Object.keys(settingsSchema.shape) as SettingsKey[]).filter(
  (key): key is EditableSettingKey => !(MANAGED_ELSEWHERE as readonly string[]).includes(key),
);

function withoutDefault(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
}

/** Every editable key optional; `null` resets a key to its default. Unknown keys are refused. */
export const settingsUpdateSchema = z.strictObject(
  Object.fromEntries(editableSettingKeys.map((key) => [key, withoutDefault(settingsSchema.shape[key]).nullable().optional()])) as {
    [K in EditableSettingKey]: z.ZodOptional<z.ZodNullable<z.ZodType<Settings[K]>>>;
  },
);
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

/** Settings as they leave the service: the TMDB key masked, the cookies file only as a flag. */
export type SettingsView = Omit<Settings, 'tmdbApiKey' | 'cookiesFile'> & { tmdbApiKey: string | null; cookiesFileUploaded: boolean };

export function settingsView(settings: Settings): SettingsView {
  const { tmdbApiKey, cookiesFile, ...rest } = settings;
  return { ...rest, tmdbApiKey: tmdbApiKey ? maskApiKey(tmdbApiKey) : null, cookiesFileUploaded: Boolean(cookiesFile) };
}

export type SettingsUpdateResult =
  | { ok: true; settings: Settings; changed: EditableSettingKey[] }
  | { ok: false; issues: Array<{ path: string; message: string }> };

/**
 * Validates and stores a change. A masked TMDB key sent back as shown means "unchanged". Rules
 * across keys (shortest duration below the longest) are checked on the merged result.
 */
export async function updateSettings(db: Db, input: unknown): Promise<SettingsUpdateResult> {
  const parsed = settingsUpdateSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: issuesOf(parsed.error) };
  }
  const update: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value === undefined) continue;
    if (key === 'tmdbApiKey' && typeof value === 'string' && (isMaskedKey(value) || value === '')) {
      if (value === '') update[key] = undefined;
      continue;
    }
    update[key] = value === null ? undefined : value;
  }
  const current = await readSettings(db);
  const merged = { ...current, ...update } as Settings;
  const min = merged.minDurationSeconds;
  const max = merged.maxDurationSeconds;
  if (min >= max) {
    const path = 'maxDurationSeconds' in update ? 'maxDurationSeconds' : 'minDurationSeconds';
    return { ok: false, issues: [{ path, message: `the shortest length (${min} s) must be below the longest (${max} s)` }] };
  }
  const settings = await writeSettings(db, update as Partial<Settings>);
  const changed = Object.keys(update).filter((key) => JSON.stringify(current[key as SettingsKey]) !== JSON.stringify(settings[key as SettingsKey]));
  return { ok: true, settings, changed: changed as EditableSettingKey[] };
}

/** `updateSettings`, then what a change sets in motion: a new reconcile schedule. */
export async function saveSettings(deps: { db: Db; boss: PgBoss | null }, input: unknown): Promise<SettingsUpdateResult> {
  const result = await updateSettings(deps.db, input);
  if (result.ok && result.changed.includes('reconcileIntervalHours') && deps.boss) {
    await rescheduleReconcile({ database: { db: deps.db }, boss: deps.boss });
  }
  return result;
}
