import type { ServiceDeps } from '../app/service-deps.ts';
import type { Env } from '../config/env.ts';
import type { OutboxDeps } from './outbox.ts';

/** What media-server refreshes and notifications need: the database, the queue, the delays. */
export type OutboundDeps = OutboxDeps & { env: Pick<Env, 'MEDIA_REFRESH_DELAY_SECONDS' | 'NOTIFY_BATCH_SECONDS'> };

export function outboundDepsOf(deps: Pick<ServiceDeps, 'database' | 'boss' | 'logger' | 'env'>): OutboundDeps {
  return { db: deps.database.db, boss: deps.boss, logger: deps.logger, env: deps.env };
}
