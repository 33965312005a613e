// Carrying out one webhook's action (see domain/event-action.ts) for a known connection. Each
// action's database changes and follow-up jobs commit together with the event's outcome.
import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db, Tx } from '../db/client.ts';
import { media, type ConnectionRow, type MediaRow } from '../db/schema/index.ts';
import type { WebhookAction } from '../domain/event-action.ts';
import { enqueueInTransaction } from '../jobs/enqueue.ts';
import { QUEUES } from '../jobs/queues.ts';
import {
  deleteMediaItem,
  findMediaItem,
  hasPresentTrailer,
  mediaFactsProblem,
  upsertMediaItem,
  type MediaItemFacts,
} from '../library/media-records.ts';
import { readArrItem, readRootFoldersNow, withArrFacts } from './arr-reads.ts';
import { pruneStaleSlots } from '../library/slot-pruning.ts';
import { inEventTransaction, outcome, type EventOutcome } from './event-outcome.ts';
import { locateItemFolder, type MediaFolderResult } from '../library/media-folder.ts';
import { claimTrailerFetch, queueTrailerFetch } from '../library/trailer-fetch-queue.ts';
import { hasMainTrailer } from '../library/main-profile.ts';
import { readSlotPlanning } from '../library/planned-slots.ts';
import { queueExtraSlots } from '../library/slot-planning.ts';

export type InboxDeps = { db: Db; boss: PgBoss };
export type EventContext = {
  eventId: number;
  eventType: string;
  connection: ConnectionRow;
  /** How often the event has waited already (see event-deferral.ts). */
  deferrals: number;
};

/**
 * Waits for the Arr's API before an import goes ahead with the webhook's facts alone: long
 * enough to ride out a restart (5 + 10 + 20 s, jittered), short enough that a trailer still
 * comes soon from a search when the Arr stays away.
 */
export const ARR_READ_PATIENCE = 3;

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
  const isDownload = ctx.eventType === 'Download';
  const fromWebhook: MediaItemFacts = isDownload ? { ...action.item, hasFile: true } : action.item;
  // The Arr and the disk are asked before the transaction: PGlite has one connection, so no slow
  // await inside it. The API knows what the body leaves out, Radarr's own trailer id first.
  const read = await readArrItem(ctx.connection, fromWebhook);
  if (!read.ok && ctx.deferrals < ARR_READ_PATIENCE) {
    return outcome.deferred(`waiting: ${appName(ctx)} could not be asked about ${describeFacts(fromWebhook)}: ${read.why}`);
  }
  const item = withArrFacts(fromWebhook, read.ok ? read.facts : undefined, isDownload);
  const folder = await usableFolder(deps, ctx, item);
  if ('failed' in folder) return folder.failed;

  return inEventTransaction(deps.db, ctx.eventId, async (tx) => {
    const { row, before } = await upsertMediaItem(tx, ctx.connection.id, item);
    // The Arr's tags or monitored seasons may have changed: slots the plan no longer gives go now,
    // not at the next sync (library/slot-pruning.ts keeps a row that holds a file of ours).
    const planning = await readSlotPlanning(tx);
    await pruneStaleSlots(tx, { mediaIds: [row.id] }, planning);
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
      await queueTrailerFetch(deps.boss, tx, { mediaId: row.id, reason: 'import' }, { statusReason: null });
      steps.push('trailer fetch queued');
    } else {
      steps.push(await whyNoFetch(tx, row));
    }
    const extras = await queueExtraSlots(deps.boss, tx, [row], 'import', planning);
    if (extras > 0) steps.push(`${extras} extra ${extras === 1 ? 'file' : 'files'} queued`);
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
 * The item's local folder; or the event deferred while the connection's roots are unknown (read
 * from the Arr here first); or settled as failed saying why: facts no Arr sends, or a folder that
 * maps outside the connection's roots (never a literal `C:\…` folder here).
 */
async function usableFolder(
  deps: InboxDeps,
  ctx: EventContext,
  item: MediaItemFacts,
): Promise<LocatedFolder | { failed: EventOutcome | undefined }> {
  const problem = mediaFactsProblem(item);
  if (problem) return settleFailed(deps, ctx, problem);
  let folder = await locateItemFolder(deps.db, ctx.connection.id, item);
  if (!folder.ok && folder.noRoots) {
    const read = await readRootFoldersNow(deps.db, ctx.connection);
    if (!read.ok) return { failed: outcome.deferred(`waiting for the root folders of "${ctx.connection.name}": ${read.why}`) };
    folder = await locateItemFolder(deps.db, ctx.connection.id, item);
    // The Arr has no root folder visible here yet: a path mapping the user can still add.
    if (!folder.ok && folder.noRoots) return { failed: outcome.deferred(`waiting: ${folder.reason}`) };
  }
  if (folder.ok) return folder;
  // Deleted while this event was being applied: the event is processed again from the start.
  if (folder.connectionGone) throw new ConnectionDeletedMeanwhile(ctx.connection.id);
  return settleFailed(deps, ctx, folder.reason);
}

/** The event's connection was deleted while it was being applied (process-event.ts starts over). */
export class ConnectionDeletedMeanwhile extends Error {
  constructor(connectionId: number) {
    super(`connection ${connectionId} was deleted while its event was being applied`);
  }
}

async function settleFailed(deps: InboxDeps, ctx: EventContext, reason: string): Promise<{ failed: EventOutcome | undefined }> {
  return { failed: await inEventTransaction(deps.db, ctx.eventId, async () => outcome.failed(`skipped: ${reason}`)) };
}

function appName(ctx: EventContext): string {
  return ctx.connection.kind === 'radarr' ? `Radarr ("${ctx.connection.name}")` : `Sonarr ("${ctx.connection.name}")`;
}

function describeFacts(item: MediaItemFacts): string {
  return `${item.kind} ${item.arrId} "${item.title}"`;
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
  if (await hasMainTrailer(tx, row.id)) return 'it already has our trailer';
  if (row.externalTrailerPath) return `it already has a trailer of its own (${row.externalTrailerPath})`;
  if (row.trailerStatus === 'queued' || row.trailerStatus === 'downloading') return 'its trailer is already on the way';
  return `no fetch: trailer status is "${row.trailerStatus}"${row.statusReason ? ` (${row.statusReason})` : ''}`;
}
