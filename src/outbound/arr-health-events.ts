// "Radarr/Sonarr connection failing / recovered": a library sync that turns a connection's
// health from ok to failing (or back) is a notification. Wraps the sync job; never throws itself.
import { eq } from 'drizzle-orm';
import type { Job } from 'pg-boss';
import { connections } from '../db/schema/index.ts';
import { jobPayloads } from '../jobs/payloads.ts';
import { notificationEvent } from '../notifications/notification-event.ts';
import { notify } from '../notifications/notify.ts';
import type { OutboundDeps } from './outbound-deps.ts';

async function healthOf(deps: OutboundDeps, id: number) {
  const [row] = await deps.db.select({ name: connections.name, kind: connections.kind, health: connections.health }).from(connections).where(eq(connections.id, id));
  return row;
}

export async function announcingArrHealth(deps: OutboundDeps, job: Job<unknown>, run: () => Promise<void>): Promise<void> {
  const parsed = jobPayloads['library-sync'].safeParse(job.data);
  const id = parsed.success ? parsed.data.connectionId : undefined;
  const before = id === undefined ? undefined : await healthOf(deps, id).catch(() => undefined);
  try {
    await run();
  } finally {
    if (id !== undefined && before?.health) {
      try {
        const after = await healthOf(deps, id);
        const subject = after ? `${after.kind === 'radarr' ? 'Radarr' : 'Sonarr'} "${after.name}"` : undefined;
        if (after?.health && before.health.ok && !after.health.ok) await notify(deps, notificationEvent('connection-failing', after.health.message, subject));
        if (after?.health && !before.health.ok && after.health.ok) await notify(deps, notificationEvent('connection-recovered', after.health.message, subject));
      } catch (error) {
        deps.logger.debug({ err: error }, 'connection health notification not queued');
      }
    }
  }
}
