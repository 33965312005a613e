// A full sync of one connection: check the Arr, read its whole library, write what changed in
// bulk chunks, mark what it no longer lists as removed, reconcile trailer files on disk, and
// queue the backfill. The Arr is never awaited inside a transaction, and nothing is marked
// removed unless the whole library was read.
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { ArrClientOptions } from '../connections/arr-clients.ts';
import { probeConnection } from '../connections/connection-probe.ts';
import { findConnection, recordConnectionHealth } from '../connections/connection-store.ts';
import type { Db } from '../db/client.ts';
import type { MediaKind } from '../db/schema/media.ts';
import { readSettings } from '../db/settings-store.ts';
import { enqueueBackfill } from './backfill.ts';
import { enqueueSlotBackfill } from './slot-backfill.ts';
import { readLibrary } from './library-read.ts';
import { databaseNow, loadStoredMedia, markUnlistedAsRemoved, upsertMediaChunk } from './media-sync-store.ts';
import { arrFieldsDiffer, locationChanged, type FullMediaValues } from './media-values.ts';
import { pruneStaleSlots } from '../library/slot-pruning.ts';
import { enqueueTrailerRenames } from './trailer-jobs.ts';
import { reconcileTrailerFiles, type TrailerReconcileReport } from './trailer-reconcile.ts';
import type { ConnectionRow } from '../db/schema/index.ts';

export type SyncDeps = { db: Db; boss: PgBoss; logger: Logger };

export type LibrarySyncOptions = {
  arr?: ArrClientOptions;
  /** Rows per insert … on conflict statement (and per transaction). */
  chunkSize?: number;
  /** Folders read at once while looking for trailer files. */
  scanConcurrency?: number;
};

export type LibrarySyncReport = {
  connectionId: number;
  kind: MediaKind;
  listed: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: Array<{ id?: number; title?: string; why: string }>;
  renameQueued: number;
  trailers: TrailerReconcileReport;
  backfillQueued: number;
  /** Fetches queued for extra slots (featurettes, season trailers, theme music, …). */
  extrasQueued: number;
  seconds: number;
};

export type LibrarySyncOutcome =
  | { ok: true; report: LibrarySyncReport }
  | { ok: false; reason: 'not-found' | 'disabled'; message: string }
  | { ok: false; reason: 'arr-failed'; kind: string; message: string; retryable: boolean };

const DEFAULT_CHUNK = 1000;

export async function syncLibrary(deps: SyncDeps, connectionId: number, options: LibrarySyncOptions = {}): Promise<LibrarySyncOutcome> {
  const started = performance.now();
  const connection = await findConnection(deps.db, connectionId);
  if (!connection) return { ok: false, reason: 'not-found', message: `No connection with id ${connectionId}.` };
  if (!connection.enabled) return { ok: false, reason: 'disabled', message: `Connection "${connection.name}" is disabled.` };
  const syncStartedAt = await databaseNow(deps.db);

  const probe = await probeConnection(connection, options.arr?.quick);
  if (!probe.result.ok) {
    await recordConnectionHealth(deps.db, connection.id, probe.health);
    const retryable = probe.result.cause === 'unreachable' || probe.result.cause === 'timeout';
    return { ok: false, reason: 'arr-failed', kind: probe.result.cause, message: probe.result.message, retryable };
  }
  const read = await readLibrary(connection, options.arr?.library);
  if (!read.ok) {
    await recordConnectionHealth(deps.db, connection.id, { ok: false, checkedAt: new Date().toISOString(), message: read.message });
    return { ok: false, reason: 'arr-failed', kind: read.kind, message: read.message, retryable: read.retryable };
  }

  const kind: MediaKind = connection.kind === 'radarr' ? 'movie' : 'series';
  const written = await writeLibrary(deps, connection, kind, read.values, syncStartedAt, options.chunkSize ?? DEFAULT_CHUNK);
  const removed = read.complete ? await markUnlistedAsRemoved(deps.db, connection.id, kind, read.listedArrIds, syncStartedAt) : 0;
  const settings = await readSettings(deps.db);
  const trailers = await reconcileTrailerFiles(deps, connection, settings.deletedTrailerPolicy, {
    ...(options.scanConcurrency !== undefined ? { concurrency: options.scanConcurrency } : {}),
  });
  // Every item of the connection, once its rows are written: the sync's own tag and season changes,
  // and a webhook's before it (the sync then sees no change), may leave slot rows no longer planned.
  await pruneStaleSlots(deps.db, { connectionId: connection.id });
  const backfillQueued = await enqueueBackfill(deps, connection.id, settings.backfillPolicy);
  const extrasQueued = await enqueueSlotBackfill(deps, connection.id, settings.backfillPolicy);

  const report: LibrarySyncReport = {
    connectionId: connection.id,
    kind,
    listed: read.values.length,
    ...written,
    removed,
    skipped: read.skipped,
    trailers,
    backfillQueued,
    extrasQueued,
    seconds: Math.round(performance.now() - started) / 1000,
  };
  const message = `${summary(report, read.complete)} ${probe.health.message}`;
  await recordConnectionHealth(deps.db, connection.id, { ...probe.health, message }, {
    ...(probe.rootFolders ? { rootFolders: probe.rootFolders } : {}),
    lastSyncAt: new Date(),
  });
  deps.logger.info({ ...report, skipped: report.skipped.length, connection: connection.name }, 'library synced');
  return { ok: true, report };
}

type WriteCounts = Pick<LibrarySyncReport, 'added' | 'updated' | 'unchanged' | 'renameQueued'>;

/** Writes only new and changed items; an owned trailer of a moved/renamed item gets a rename job. */
async function writeLibrary(
  deps: SyncDeps,
  connection: ConnectionRow,
  kind: MediaKind,
  values: readonly FullMediaValues[],
  syncStartedAt: string,
  chunkSize: number,
): Promise<WriteCounts> {
  const stored = await loadStoredMedia(deps.db, connection.id, kind);
  const toWrite: FullMediaValues[] = [];
  const moved = new Set<number>();
  const counts: WriteCounts = { added: 0, updated: 0, unchanged: 0, renameQueued: 0 };
  for (const value of values) {
    const before = stored.get(value.arrId);
    if (!before) {
      counts.added += 1;
    } else if (before.removed || arrFieldsDiffer(before, value)) {
      counts.updated += 1;
      if (before.hasPresentTrailer && locationChanged(before, value)) moved.add(before.id);
    } else {
      counts.unchanged += 1;
      continue;
    }
    toWrite.push(value);
  }
  for (let start = 0; start < toWrite.length; start += chunkSize) {
    const chunk = toWrite.slice(start, start + chunkSize);
    counts.renameQueued += await deps.db.transaction(async (tx) => {
      const rows = await upsertMediaChunk(tx, chunk, syncStartedAt);
      return enqueueTrailerRenames(deps.boss, tx, rows.filter((row) => moved.has(row.id)).map((row) => row.id));
    });
  }
  return counts;
}

function summary(report: LibrarySyncReport, complete: boolean): string {
  const noun = report.kind === 'movie' ? 'movies' : 'series';
  const parts = [`${report.added} added`, `${report.updated} updated`, `${report.removed} removed`];
  if (report.skipped.length > 0) parts.push(`${report.skipped.length} skipped as unreadable`);
  if (report.trailers.externalFound > 0) parts.push(`${report.trailers.externalFound} existing trailers and extras found`);
  if (report.backfillQueued > 0) parts.push(`${report.backfillQueued} trailers queued`);
  if (report.extrasQueued > 0) parts.push(`${report.extrasQueued} extra files queued`);
  const caution = complete ? '' : ' Some items could not be identified, so none were marked removed.';
  return `Synced ${report.listed} ${noun}: ${parts.join(', ')}.${caution}`;
}
