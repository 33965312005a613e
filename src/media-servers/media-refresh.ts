// Targeted refreshes: a changed trailer becomes an outbox entry per enabled media server (its
// paths mapped to the server's view), and the server's `media-refresh` job sends everything
// that piled up in one go — Plex one partial scan per folder, Jellyfin/Emby one POST. A server
// that fails keeps its entries and its job is retried with backoff; the trailer jobs never wait.
import type { Job } from 'pg-boss';
import type { PathMapping } from '../db/schema/connections.ts';
import { toServerPath } from '../domain/server-path.ts';
import { jobPayloads } from '../jobs/payloads.ts';
import type { OutboundDeps } from '../outbound/outbound-deps.ts';
import { addToOutbox, pendingEntries, removeEntries, removeTargetEntries } from '../outbound/outbox.ts';
import { recordMediaServerHealth } from './media-server-actions.ts';
import { mediaServerClient, type RefreshChange, type RefreshChangeType } from './media-server-client.ts';
import { enabledMediaServers, findMediaServer } from './media-server-store.ts';

/** A trailer file that appeared, changed or went away, and its item's folder (paths here). */
export type LocalChange = { path: string; mediaFolder: string; change: RefreshChangeType };

function mapped(change: LocalChange, mappings: readonly PathMapping[]): RefreshChange {
  return { path: toServerPath(change.path, mappings), folder: toServerPath(change.mediaFolder, mappings), change: change.change };
}

/** Queues the refreshes; never throws. */
export async function queueMediaRefresh(deps: OutboundDeps, changes: readonly LocalChange[]): Promise<void> {
  try {
    const servers = await enabledMediaServers(deps.db);
    const entries = servers.flatMap((server) =>
      changes.map((change) => {
        const payload = mapped(change, server.pathMappings);
        return { targetId: server.id, dedupeKey: `${payload.change}|${payload.path}`, payload };
      }),
    );
    await addToOutbox(deps, 'media-server', entries, deps.env.MEDIA_REFRESH_DELAY_SECONDS);
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not queue media-server refreshes');
  }
}

const asChange = (payload: Record<string, unknown>): RefreshChange => payload as unknown as RefreshChange;

/** The `media-refresh` job of one server. Throws (so pg-boss retries) while the server fails. */
export async function runMediaRefresh(deps: OutboundDeps, job: Job<unknown>): Promise<void> {
  const { targetId } = jobPayloads['media-refresh'].parse(job.data);
  const server = await findMediaServer(deps.db, targetId);
  if (!server || !server.enabled) return void (await removeTargetEntries(deps.db, 'media-server', targetId));
  const entries = await pendingEntries(deps.db, 'media-server', targetId);
  if (entries.length === 0) return;
  const changes = entries.map((entry) => asChange(entry.payload));
  const checkedAt = new Date().toISOString();
  const known = { ...(server.health?.version ? { version: server.health.version } : {}), ...(server.health?.instanceName ? { instanceName: server.health.instanceName } : {}) };
  let problems: string[];
  try {
    problems = await mediaServerClient(server).refresh(changes);
  } catch (error) {
    const message = `Refresh failed, retrying: ${error instanceof Error ? error.message : String(error)}`;
    await recordMediaServerHealth(deps, server, { ok: false, checkedAt, message });
    throw new Error(message);
  }
  await removeEntries(deps.db, entries.map((entry) => entry.id));
  const message = problems.length > 0 ? problems.join('; ') : `Refreshed ${changes.length} changed path${changes.length === 1 ? '' : 's'}.`;
  await recordMediaServerHealth(deps, server, { ok: problems.length === 0, checkedAt, message, ...known });
  deps.logger.info({ server: server.name, changes: changes.length, problems }, 'media server refreshed');
}
