// Carrying out one webhook's action (see domain/event-action.ts) for a known connection. Each
// action's database changes and follow-up jobs commit together with the event's outcome.
import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db, Tx } from '../db/client.ts';
import { media } from '../db/schema/index.ts';
import type { WebhookAction } from '../domain/event-action.ts';
import { enqueueInTransaction } from '../jobs/enqueue.ts';
import { PRIORITY, QUEUES } from '../jobs/queues.ts';
import {
  claimTrailerFetch,
  deleteMediaItem,
  findMediaItem,
  hasPresentTrailer,
  mediaFactsProblem,
  upsertMediaItem,
  type MediaItemFacts,
  type MediaRow,
} from '../library/media-records.ts';
import type { ConnectionRow } from './connection-choice.ts';
import { inEventTransaction, outcome, type EventOutcome } from './event-outcome.ts';
import type { MediaFolderResult } from '../pipeline/media-folder.ts';
import { locateItemFolder } from './media-folder.ts';

export type InboxDeps = { db: Db; boss: PgBoss };
export type EventContext = { eventId: number; eventType: string; connection: ConnectionRow };

type EnsureAction = Extract<WebhookAction, { type: 'ensure' }>;
type RenameAction = Extract<WebhookAction, { type: 'rename' }>;
type ForgetAction = Extract<WebhookAction, { type: 'forget' }>;

/** Applies the action; `undefined` when the event was settled meanwhile (nothing was done). */
export async function applyAction(deps: InboxDeps, ctx: EventContext, action: WebhookAction): Promise<EventOutcome | undefined> {
  switch (action.type) {
    case 'ensure':
      return applyEnsure(deps, ctx, action);
    case 'rename':
      return applyRename(deps, ctx, action);
    case 'forget':
      return applyForget(deps, ctx, action);
    case 'test':
      return inEventTransaction(deps.db, ctx.eventId, async () => outcome.processed('Test event: the connection works'));
    case 'none':
      return inEventTransaction(deps.db, ctx.eventId, async () => outcome.ignored(action.reason));
  }
}

/** Download (new or upgrade), MovieAdded, SeriesAdd: record the item, then get its trailer. */
async function applyEnsure(deps: InboxDeps, ctx: EventContext, action: EnsureAction): Promise<EventOutcome | undefined> {
  // A Download means a file is in the library now; an add may come before any file.
  const item: MediaItemFacts = ctx.eventType === 'Download' ? { ...action.item, hasFile: true } : action.item;
  // Looked at before the transaction: PGlite has one connection, so no slow await inside it.
  const folder = await usableFolder(deps, ctx, item);
  if ('failed' in folder) return folder.failed;

  return inEventTransaction(deps.db, ctx.eventId, async (tx) => {
    const { row, before } = await upsertMediaItem(tx, ctx.connection.id, item);
    const recorded = `${before ? 'updated' : 'added'} ${describe(row)}`;
    if (!folder.exists) {
      // Radarr adds a movie before any import, so its folder often does not exist yet. We never
      // create it; the job is retried, and the import's own Download event follows anyway.
      return outcome.deferred(`${recorded}; waiting for its folder: ${folder.localFolder} does not exist yet`);
    }
    const steps = [recorded];
    if (before && pathsChanged(before, row) && (await hasPresentTrailer(tx, row.id))) {
      // An upgrade with a new file name: the trailer named after the old file follows it.
      await enqueueInTransaction(deps.boss, tx, QUEUES.trailerRename, { mediaId: row.id });
      steps.push('trailer rename queued (the movie file changed)');
    }
    if (await claimTrailerFetch(tx, row.id)) {
      await enqueueInTransaction(deps.boss, tx, QUEUES.trailerFetch, { mediaId: row.id, reason: 'import' }, { priority: PRIORITY.import });
      steps.push('trailer fetch queued');
    } else {
      steps.push(await whyNoFetch(tx, row));
    }
    return outcome.processed(steps.join('; '));
  });
}

/** Rename: the row follows the Arr's new paths, and our trailer follows the row. */
async function applyRename(deps: InboxDeps, ctx: EventContext, action: RenameAction): Promise<EventOutcome | undefined> {
  const item: MediaItemFacts = { ...action.item, hasFile: true };
  const folder = await usableFolder(deps, ctx, item);
  if ('failed' in folder) return folder.failed;

  return inEventTransaction(deps.db, ctx.eventId, async (tx) => {
    const { row, before } = await upsertMediaItem(tx, ctx.connection.id, item);
    const renamed = `${action.renames.length} file${action.renames.length === 1 ? '' : 's'} renamed in ${describe(row)}`;
    if (!before || !(await hasPresentTrailer(tx, row.id))) {
      return outcome.processed(`${renamed}; no trailer of ours to rename`);
    }
    await enqueueInTransaction(deps.boss, tx, QUEUES.trailerRename, { mediaId: row.id });
    return outcome.processed(`${renamed}; trailer rename queued`);
  });
}

/**
 * MovieDelete / SeriesDelete. Only our own records and, when the Arr deleted the files, our own
 * trailer (by its recorded path, size and mtime, in the trailer-delete job) go; the folder and
 * everything else in it are never touched here, even when the reported folder is a root.
 */
async function applyForget(deps: InboxDeps, ctx: EventContext, action: ForgetAction): Promise<EventOutcome | undefined> {
  return inEventTransaction(deps.db, ctx.eventId, async (tx) => {
    const row = await findMediaItem(tx, { connectionId: ctx.connection.id, kind: action.kind, arrId: action.arrId });
    const what = `${action.kind} ${action.arrId}`;
    if (!row) return outcome.processed(`${what} is not in Previewarr's library; nothing to remove`);
    if (action.deleteOwnFiles && (await hasPresentTrailer(tx, row.id))) {
      await tx.update(media).set({ removedAt: new Date(), updatedAt: new Date() }).where(eq(media.id, row.id));
      await enqueueInTransaction(deps.boss, tx, QUEUES.trailerDelete, {
        mediaId: row.id,
        reason: 'media-deleted',
        deleteMediaAfter: true,
      });
      return outcome.processed(`${describe(row)} deleted with its files: removal of our trailer queued, then of the record`);
    }
    await deleteMediaItem(tx, row.id);
    return outcome.processed(
      action.deleteOwnFiles
        ? `${describe(row)} deleted with its files: record removed (no trailer of ours on record)`
        : `${describe(row)} deleted, files kept: record removed, the trailer file stays beside them`,
    );
  });
}

type LocatedFolder = Extract<MediaFolderResult, { ok: true }>;

/**
 * The item's local folder, or the event settled as failed saying why: facts no Arr sends, or a
 * folder that maps outside the connection's roots (never a literal `C:\…` folder here).
 */
async function usableFolder(
  deps: InboxDeps,
  ctx: EventContext,
  item: MediaItemFacts,
): Promise<LocatedFolder | { failed: EventOutcome | undefined }> {
  const problem = mediaFactsProblem(item);
  const folder = problem ? { ok: false as const, reason: problem } : await locateItemFolder(deps.db, ctx.connection.id, item);
  if (folder.ok) return folder;
  return { failed: await inEventTransaction(deps.db, ctx.eventId, async () => outcome.failed(`skipped: ${folder.reason}`)) };
}

function describe(row: MediaRow): string {
  return `"${row.title}"${row.year ? ` (${row.year})` : ''}`;
}

function pathsChanged(before: MediaRow, after: MediaRow): boolean {
  return before.folderPath !== after.folderPath || before.movieFileRelativePath !== after.movieFileRelativePath;
}

/** Why claimTrailerFetch declined, for the events log. */
async function whyNoFetch(tx: Tx, row: MediaRow): Promise<string> {
  if (row.excludedReason !== null) return `no fetch: excluded from trailers (${row.excludedReason})`;
  if (!row.trailerMonitored) return 'no fetch: not monitored for trailers in Previewarr';
  if (await hasPresentTrailer(tx, row.id)) return 'it already has our trailer';
  if (row.externalTrailerPath) return `it already has a trailer of its own (${row.externalTrailerPath})`;
  if (row.trailerStatus === 'queued' || row.trailerStatus === 'downloading') return 'its trailer is already on the way';
  return `no fetch: trailer status is "${row.trailerStatus}"${row.statusReason ? ` (${row.statusReason})` : ''}`;
}
