import type { Queue } from 'pg-boss';

/** One queue per kind of work. Handlers are registered by the modules that own the work. */
export const QUEUES = {
  /** Process one stored webhook event (inbox row id). */
  webhookEvent: 'webhook-event',
  /** Find, download, convert and place the trailer of one media item. */
  trailerFetch: 'trailer-fetch',
  /** Move an owned trailer after the Arr renamed the media file. */
  trailerRename: 'trailer-rename',
  /** Remove an owned trailer (media deleted, or the user asked). */
  trailerDelete: 'trailer-delete',
  /** Full library sync / reconcile of one connection. */
  librarySync: 'library-sync',
  /** The scheduled reconcile: fans out one library-sync per enabled connection. */
  reconcile: 'reconcile',
  /** Tell one media server about changed trailers (its outbox entries, coalesced). */
  mediaRefresh: 'media-refresh',
  /** Send one notification target its pending messages (one summary during bulk work). */
  notify: 'notify',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** A fresh import goes ahead of library backfill (pg-boss fetches higher priority first). */
export const PRIORITY = { import: 10, userRequest: 20, backfill: 0 } as const;

type QueueOptions = Omit<Queue, 'name'>;

// heartbeatSeconds: a job whose process died (SIGKILL, power loss) stops heart-beating and
// pg-boss retries it within seconds instead of waiting for its expiry.
const queueOptions: Record<QueueName, QueueOptions> = {
  'webhook-event': { retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 300, heartbeatSeconds: 30 },
  // A download's own failures are re-scheduled by the pipeline; pg-boss retries only a job whose
  // process died or threw. With several worker processes, a worker killed mid-download stops
  // heart-beating: after 15 s (plus up to one supervise pass, boss.ts) its job is failed and another
  // worker takes it 10 s later. expireInSeconds bounds a live but hung job (downloads time out sooner).
  'trailer-fetch': { retryLimit: 8, retryDelay: 10, retryBackoff: true, retryDelayMax: 6 * 3600, expireInSeconds: 3600, heartbeatSeconds: 15 },
  'trailer-rename': { retryLimit: 10, retryDelay: 10, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 300, heartbeatSeconds: 30 },
  'trailer-delete': { retryLimit: 10, retryDelay: 10, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 300, heartbeatSeconds: 30 },
  'library-sync': { retryLimit: 5, retryDelay: 60, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 1800, heartbeatSeconds: 30, policy: 'singleton' },
  reconcile: { retryLimit: 2, retryDelay: 60, expireInSeconds: 300 },
  // stately + the target id as singletonKey: one job waiting and one running per target, so a
  // burst of changes is one job, and a failing target retries alone with backoff.
  'media-refresh': { retryLimit: 30, retryDelay: 10, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 300, policy: 'stately' },
  notify: { retryLimit: 30, retryDelay: 30, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 300, policy: 'stately' },
};

export function queueDefinitions(): Array<{ name: QueueName; options: QueueOptions }> {
  // notify: a new job wakes its worker through LISTEN/NOTIFY (useListenNotify in boss.ts) at once,
  // instead of at the worker's next poll; without it an import waited up to a poll per queue hop.
  return (Object.keys(queueOptions) as QueueName[]).map((name) => ({ name, options: { notify: true, ...queueOptions[name] } }));
}
