import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { adminUsers } from '../db/schema/index.ts';
import { hashForUnknownUser, hashPassword, verifyPassword } from './password-hash.ts';

/** The first-run account always gets this id, so two racing set-up requests cannot both win. */
const FIRST_ADMIN_ID = 1;

export async function adminExists(db: Db): Promise<boolean> {
  const rows = await db.select({ id: adminUsers.id }).from(adminUsers).limit(1);
  return rows.length > 0;
}

export type CreateAdminResult = { ok: true; userId: number } | { ok: false; reason: 'exists' };

/** Creates the one admin account; refuses when any account exists already. */
export async function createFirstAdmin(db: Db, username: string, password: string): Promise<CreateAdminResult> {
  if (await adminExists(db)) return { ok: false, reason: 'exists' };
  const passwordHash = await hashPassword(password);
  const inserted = await db
    .insert(adminUsers)
    .values({ id: FIRST_ADMIN_ID, username, passwordHash })
    .onConflictDoNothing()
    .returning({ id: adminUsers.id });
  const row = inserted[0];
  return row ? { ok: true, userId: row.id } : { ok: false, reason: 'exists' };
}

/** The account id for a correct user name + password, else null (user names compare case-insensitively). */
export async function verifyCredentials(db: Db, username: string, password: string): Promise<number | null> {
  const [user] = await db
    .select()
    .from(adminUsers)
    .where(sql`lower(${adminUsers.username}) = lower(${username})`)
    .limit(1);
  if (!user) {
    await verifyPassword(password, await hashForUnknownUser());
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? user.id : null;
}

/** The account used when "no login from local addresses" lets a request in without a login. */
export async function firstAdminId(db: Db): Promise<number | null> {
  const [user] = await db.select({ id: adminUsers.id }).from(adminUsers).orderBy(adminUsers.id).limit(1);
  return user?.id ?? null;
}

export async function changePassword(db: Db, userId: number, password: string): Promise<void> {
  await db.update(adminUsers).set({ passwordHash: await hashPassword(password) }).where(eq(adminUsers.id, userId));
}
