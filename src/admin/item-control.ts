import { and, eq, like } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { media } from '../db/schema/index.ts';
import type { ActionResult } from './media-actions.ts';

// Per-item control, as in the Arr apps: Previewarr's own monitor switch for trailers, and an
// exclusion with a reason. Backfill, webhooks and queued jobs honour both (backfill.ts,
// claimTrailerFetch, fetch-plan.ts); a fetch the user asks for still runs.

/** The reason: printable text, 1–200 characters (it is shown in pages and the events log). */
export const excludeReasonSchema = z
  .string({ error: 'Say why' })
  .trim()
  .min(1, 'Say why (for example "no trailer wanted")')
  .max(200, 'At most 200 characters')
  .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), 'No control characters');

const EXCLUDED_STATUS_PREFIX = 'excluded: ';

async function exists(db: Db, id: number): Promise<{ title: string } | undefined> {
  const [row] = await db.select({ title: media.title }).from(media).where(eq(media.id, id));
  return row;
}

const missing = (id: number): ActionResult => ({ ok: false, status: 404, error: 'not_found', message: `No item with id ${id}.` });

export async function setTrailerMonitored(db: Db, id: number, monitored: boolean): Promise<ActionResult> {
  const item = await exists(db, id);
  if (!item) return missing(id);
  await db.update(media).set({ trailerMonitored: monitored, updatedAt: new Date() }).where(eq(media.id, id));
  return { ok: true, message: monitored ? `"${item.title}" is monitored for trailers again.` : `"${item.title}" is no longer monitored: nothing fetches its trailer until you switch it back.` };
}

export async function excludeItem(db: Db, id: number, reason: string): Promise<ActionResult> {
  const item = await exists(db, id);
  if (!item) return missing(id);
  await db.update(media).set({ excludedReason: reason, updatedAt: new Date() }).where(eq(media.id, id));
  return { ok: true, message: `"${item.title}" is excluded from trailers.` };
}

export async function includeItem(db: Db, id: number): Promise<ActionResult> {
  const item = await exists(db, id);
  if (!item) return missing(id);
  await db.update(media).set({ excludedReason: null, updatedAt: new Date() }).where(eq(media.id, id));
  // A job that stopped because of the exclusion left it "skipped"; it is waiting for one again.
  await db
    .update(media)
    .set({ trailerStatus: 'missing', statusReason: null })
    .where(and(eq(media.id, id), eq(media.trailerStatus, 'skipped'), like(media.statusReason, `${EXCLUDED_STATUS_PREFIX}%`)));
  return { ok: true, message: `"${item.title}" is included again.` };
}
