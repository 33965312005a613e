import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import type { DatabaseHandle } from '../db/client.ts';
import type { ApiKeyStore } from '../http/api-key-store.ts';

/** What route groups are built from. Each group takes only what it needs from here. */
export type ServiceDeps = {
  env: Env;
  logger: Logger;
  database: DatabaseHandle;
  /** Null only in tests that exercise routes without a job queue. */
  boss: PgBoss | null;
  apiKey: ApiKeyStore;
};
