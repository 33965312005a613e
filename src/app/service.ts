import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { prepareSchema } from '../db/schema-version.ts';
import { registerProcess, type ProcessRegistration } from './process-registry.ts';
import { loadApiKey } from '../http/api-key-store.ts';
import type { ServiceDeps } from './service-deps.ts';
import { createApp } from './create-app.ts';
import { createBoss, startBoss } from '../jobs/boss.ts';
import { registerWorkers, type JobWorker } from '../jobs/register-workers.ts';
import { buildJobWorkers } from './job-workers.ts';
import { startReconcile } from '../sync/reconcile.ts';
import { preparePipeline } from '../pipeline/pipeline-workers.ts';
import { startYtdlpUpdates } from '../ytdlp-updater/update-schedule.ts';
import { binaryVersion } from '../ytdlp-updater/update-ytdlp.ts';
import { ytdlpBinary } from '../ytdlp-updater/managed-ytdlp.ts';
import { watchYtdlpAge } from '../outbound/ytdlp-age-events.ts';
import { outboundDepsOf } from '../outbound/outbound-deps.ts';
import { startBackups } from '../backups/backup-schedule.ts';
import { createWorkerApp } from './worker-app.ts';

export type RunningService = {
  deps: ServiceDeps;
  boss: PgBoss;
  /** The port actually bound (PORT=0 picks a free one). */
  port: number;
  stop(): Promise<void>;
};

export type StartOptions = {
  /** Replaces the feature workers (tests use it to run a controlled handler). */
  workers?: (deps: ServiceDeps) => JobWorker[];
};

/** config → database → migrations → jobs → workers → HTTP. Returns a handle that stops it all. */
export async function startService(env: Env, logger: Logger, options: StartOptions = {}): Promise<RunningService> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  let boss: PgBoss | null = null;
  let registration: ProcessRegistration | undefined;
  try {
    // The web (or all) process migrates; a worker waits for it, and nobody runs on a newer schema.
    await prepareSchema(database, env.ROLE, logger);
    registration = await registerProcess(database.db, env, logger);
    const apiKey = await loadApiKey(database.db, env.API_KEY, logger);
    boss = createBoss(database);
    await startBoss(boss, database, logger);
    const deps: ServiceDeps = { env, logger, database, boss, apiKey };

    if (env.ROLE !== 'web') {
      // Before any worker runs: clean what a killed process left, create the default profile.
      await preparePipeline(deps);
      const workers = (options.workers ?? buildJobWorkers)(deps);
      await registerWorkers(boss, workers, logger);
      // The reconcile schedule, and a sync now for connections whose last one is overdue.
      await startReconcile({ database, boss, logger });
    }
    // The managed yt-dlp (when YTDLP_UPDATES is on) is kept current beside the workers.
    const ytdlpUpdates = env.ROLE !== 'web' ? startYtdlpUpdates(env, logger) : undefined;
    // An outdated yt-dlp (when updates are off or failing) is announced to notification targets.
    const ytdlpAge = env.ROLE !== 'web' ? watchYtdlpAge(outboundDepsOf(deps), () => binaryVersion(ytdlpBinary(env))) : undefined;
    const backups = startBackups(database, env, logger);
    // A worker process serves only its probes (container health checks) and metrics.
    const app = env.ROLE === 'worker' ? createWorkerApp(deps) : createApp(deps);
    const server = await listen(app.fetch, env);
    const port = (server.address() as AddressInfo).port;
    logger.info({ port, role: env.ROLE, database: database.kind }, 'Previewarr is running');
    if (env.ROLE !== 'worker') logger.info({ url: openUrl(env.HOST, port) }, `Open ${openUrl(env.HOST, port)} in your browser`);
    const registered = registration;
    const stop = async () => {
      ytdlpUpdates?.stop();
      ytdlpAge?.stop();
      backups.stop();
      // A backup still being written finishes before the database closes.
      await backups.firstRun;
      return stopService({ server, boss: boss!, database, env, logger, registration: registered });
    };
    return { deps, boss, port, stop };
  } catch (err) {
    await registration?.stop();
    await boss?.stop({ graceful: false }).catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
}

/** The address to type into a browser: a wildcard listen address means this machine. */
export function openUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}/`;
}

function listen(fetch: (req: Request) => Response | Promise<Response>, env: Env): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: env.PORT, hostname: env.HOST }, () => resolve(server));
    server.once('error', reject);
  });
}

type StopParts = { server: ServerType; boss: PgBoss; database: DatabaseHandle; env: Env; logger: Logger; registration: ProcessRegistration };

/**
 * Stop taking requests and jobs, give running jobs the grace period, then close. A job still
 * running at the deadline is failed by pg-boss and so retried on the next start.
 */
async function stopService({ server, boss, database, env, logger, registration }: StopParts): Promise<void> {
  const graceMs = env.SHUTDOWN_GRACE_SECONDS * 1000;
  logger.info({ graceSeconds: env.SHUTDOWN_GRACE_SECONDS }, 'shutting down');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  await boss.stop({ graceful: true, timeout: graceMs, close: true });
  // Long-lived responses (live progress streams) would hold the server open: end them now.
  if ('closeAllConnections' in server) server.closeAllConnections();
  await closed;
  await registration.stop();
  await database.close();
  logger.info('stopped');
}
