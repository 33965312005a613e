import { z } from 'zod';
import type { QueueName } from './queues.ts';

// The contract between whoever enqueues a job and the worker that runs it. Workers parse their
// payload with these schemas, so a malformed job fails loudly instead of doing the wrong thing.
export const jobPayloads = {
  /** A stored webhook (webhook_events.id) to turn into actions. */
  'webhook-event': z.object({ eventId: z.number().int().positive() }),
  /** Find/download/convert/place the trailer of one media row. `force`: the user asked, so an
   *  existing external trailer may be replaced and a "respected" deletion is overridden. */
  'trailer-fetch': z.object({
    mediaId: z.number().int().positive(),
    reason: z.enum(['import', 'backfill', 'user', 'refetch']),
    force: z.boolean().optional(),
    /** A specific candidate the user chose (trailer_candidates.video_id or a pasted URL). */
    videoId: z.string().optional(),
    /** Set by the pipeline itself when it re-schedules after a transient failure: how many
     *  transient failures came before, which the backoff and the give-up limit count. */
    retry: z.number().int().min(0).max(100).optional(),
    /** The slot: a profile other than the default one, and for season-scoped profiles the season.
     *  Absent: the item's main trailer (the default profile, whole item), as before slots. */
    profileId: z.number().int().positive().optional(),
    season: z.number().int().min(0).max(1000).optional(),
  }),
  /** The media row's folder/file changed: move its owned trailer to the new name, if any. */
  'trailer-rename': z.object({ mediaId: z.number().int().positive() }),
  /** Remove the owned trailer(s) of a media row (verified by path, size, mtime); optionally
   *  delete the media row afterwards (the item was deleted in the Arr with its files). */
  'trailer-delete': z.object({
    mediaId: z.number().int().positive(),
    reason: z.enum(['media-deleted', 'user']),
    deleteMediaAfter: z.boolean().default(false),
    /** Only this slot's file (profile, and season for season-scoped profiles); absent: every
     *  owned file of the item. */
    profileId: z.number().int().positive().optional(),
    season: z.number().int().min(0).max(1000).optional(),
  }),
  /** Sync one connection's library from its API. */
  'library-sync': z.object({
    connectionId: z.number().int().positive(),
    reason: z.enum(['schedule', 'start', 'manual', 'connection-added', 'webhook-needs-setup']),
  }),
  /** Scheduled: enqueue a library-sync for every enabled connection. */
  reconcile: z.object({}).passthrough(),
  /** Send a media server (media_servers.id) its pending outbox entries. */
  'media-refresh': z.object({ targetId: z.number().int().positive() }),
  /** Send a notification target (notification_targets.id) its pending outbox entries. */
  notify: z.object({ targetId: z.number().int().positive() }),
} satisfies Record<QueueName, z.ZodType>;

export type JobPayload<Q extends QueueName> = z.infer<(typeof jobPayloads)[Q]>;
