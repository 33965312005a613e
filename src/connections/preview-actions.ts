// "Run preview" and "Switch off preview and download" for one connection, for the JSON API and the
// Preview page alike. A run is a library sync: previewed items are set back to `missing` in the
// same transaction, so the sync's backfill previews them again with today's ranking.
import type { PgBoss } from 'pg-boss';
import { findConnection } from './connection-store.ts';
import { resetPreviews, switchOffPreview } from '../library/connection-preview.ts';
import { enqueueLibrarySync } from '../sync/sync-enqueue.ts';
import type { ConnectionDeps } from './connection-actions.ts';

export type PreviewActionResult =
  | { ok: true; message: string; syncJobId?: string | null; fetchesQueued?: number }
  | { ok: false; status: 404 | 409 | 503; error: string; message: string };

const notFound = (id: number): PreviewActionResult => ({ ok: false, status: 404, error: 'not_found', message: `No connection with id ${id}.` });
const noQueue: PreviewActionResult = { ok: false, status: 503, error: 'unavailable', message: 'The job queue is not running; try again in a moment.' };

/** Syncs the connection so that every item without a trailer is searched and ranked again, without downloading. */
export async function runPreview(deps: ConnectionDeps, id: number): Promise<PreviewActionResult> {
  const { db } = deps.database;
  const connection = await findConnection(db, id);
  if (!connection) return notFound(id);
  if (!connection.previewOnly) {
    return { ok: false, status: 409, error: 'not_in_preview', message: `"${connection.name}" is not in preview mode: a sync would download trailers. Switch preview on first.` };
  }
  if (!connection.enabled) return { ok: false, status: 409, error: 'disabled', message: `"${connection.name}" is disabled; enable it to run a preview.` };
  const boss: PgBoss | null = deps.boss;
  if (!boss) return noQueue;
  const syncJobId = await db.transaction(async (tx) => {
    await resetPreviews(tx, id);
    return enqueueLibrarySync(boss, tx, id, 'manual');
  });
  return { ok: true, message: `Preview of "${connection.name}" started: its library is read and every item without a trailer is ranked, nothing is downloaded.`, syncJobId };
}

/** Switches preview off and queues the real fetch of every item it previewed. */
export async function downloadPreviewed(deps: ConnectionDeps, id: number): Promise<PreviewActionResult> {
  const { db } = deps.database;
  const connection = await findConnection(db, id);
  if (!connection) return notFound(id);
  if (!connection.previewOnly) return { ok: false, status: 409, error: 'not_in_preview', message: `"${connection.name}" is not in preview mode.` };
  if (!deps.boss) return noQueue;
  const fetchesQueued = await switchOffPreview(db, deps.boss, id);
  return { ok: true, message: `Preview is off for "${connection.name}"; ${fetchesQueued === 1 ? '1 trailer download' : `${fetchesQueued} trailer downloads`} queued.`, fetchesQueued };
}
