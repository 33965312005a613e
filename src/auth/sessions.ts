import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { adminUsers, sessions } from '../db/schema/index.ts';

/** Sessions slide: each use (at most once a minute) pushes the expiry this far out again. */
export const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

export type UiSession = {
  /** sha256 of the cookie value: the row id. */
  id: string;
  userId: number;
  username: string;
  csrfToken: string;
};

/** The row id for a cookie value: a database leak reveals no usable cookie. */
export function sessionIdOf(cookieValue: string): string {
  return createHash('sha256').update(cookieValue).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Starts a session; returns the cookie value (only ever sent to the browser) and the session. */
export async function createSession(db: Db, userId: number, now = new Date()): Promise<{ cookieValue: string; session: UiSession }> {
  const cookieValue = newToken();
  const id = sessionIdOf(cookieValue);
  const csrfToken = newToken();
  await db.insert(sessions).values({ id, userId, csrfToken, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) });
  // Expired rows of anyone are dropped here, so the table never grows without bound.
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  const [user] = await db.select({ username: adminUsers.username }).from(adminUsers).where(eq(adminUsers.id, userId));
  return { cookieValue, session: { id, userId, username: user?.username ?? '', csrfToken } };
}

/** The live session for a cookie value, or null (unknown, expired, or its account is gone). */
export async function findSession(db: Db, cookieValue: string, now = new Date()): Promise<UiSession | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(cookieValue)) return null;
  const id = sessionIdOf(cookieValue);
  const [row] = await db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      username: adminUsers.username,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(adminUsers, eq(adminUsers.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) })
      .where(eq(sessions.id, id));
  }
  return { id: row.id, userId: row.userId, username: row.username, csrfToken: row.csrfToken };
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of an account (after a password change), except the one given. */
export async function deleteOtherSessions(db: Db, userId: number, keepId: string): Promise<void> {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  for (const row of rows) if (row.id !== keepId) await deleteSession(db, row.id);
}
