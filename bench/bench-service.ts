// The real service (startService) in this process on a throwaway database, with one Radarr
// connection whose `/movies` maps to a temp library folder, ready to take the bench webhooks.
// Logs are produced at the production level (info) and written, synchronously as pino writes to
// stdout, to /dev/null: their formatting and their write calls are counted.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadEnv } from '../src/config/env.ts';
import { insertConnection } from '../src/connections/connection-store.ts';
import { createLogger } from '../src/logger.ts';
import { buildJobWorkers } from '../src/app/job-workers.ts';
import type { QueueName } from '../src/jobs/queues.ts';
import { startService, type RunningService } from '../src/app/service.ts';
import { startFakeRadarr, type FakeArrServer } from '../test/support/fake-arr.ts';
import { createBenchDatabase, type Backend, type BenchDatabase } from './bench-db.ts';
import { BENCH_REMOTE_ROOT, benchMovieFolder } from './webhook-bodies.ts';

export const BENCH_API_KEY = 'bench-api-key-0123456789abcdef';

export type BenchService = {
  backend: Backend;
  running: RunningService;
  database: BenchDatabase;
  url: string;
  webhookUrl: string;
  /** The header that authenticates a webhook. */
  authHeaders: Record<string, string>;
  connectionId: number;
  /** The queues this process runs workers for (none with `workers: 'none'`). */
  workerQueues: QueueName[];
  /** Local folder Radarr's `/movies` maps to. */
  moviesDir: string;
  /** Creates the local folders of bench movies `first` .. `first + count - 1` (as an import would). */
  addMovieFolders(first: number, count: number): void;
  stop(): Promise<void>;
};

export type BenchServiceOptions = {
  backend: Backend;
  label: string;
  /** `none`: no job workers (the web process alone); `all`: the service's own workers. */
  workers: 'none' | 'all';
  env?: Record<string, string>;
  /** The Radarr the connection points at; default: a fake that knows no movie (each event job's
   *  read of its movie answers 404 at once, and the webhook's facts stand). */
  radarr?: FakeArrServer;
};

export async function startBenchService(options: BenchServiceOptions): Promise<BenchService> {
  const database = await createBenchDatabase(options.backend, options.label);
  const libraryDir = mkdtempSync(join(tmpdir(), `previewarr-bench-library-`));
  const moviesDir = join(libraryDir, 'movies');
  mkdirSync(moviesDir);
  const logSink = pino.destination({ dest: '/dev/null', sync: true });
  const ownRadarr = options.radarr ? undefined : await startFakeRadarr({ movies: [], rootFolders: [] });
  const radarr = options.radarr ?? ownRadarr!;
  const cleanUp = async () => {
    logSink.end();
    await ownRadarr?.close();
    rmSync(libraryDir, { recursive: true, force: true });
    await database.drop();
  };
  let running: RunningService;
  let workerQueues: QueueName[] = [];
  try {
    const env = loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      API_KEY: BENCH_API_KEY,
      SHUTDOWN_GRACE_SECONDS: '5',
      ...database.env,
      ...options.env,
    });
    const logger = createLogger(env.LOG_LEVEL, logSink);
    running = await startService(env, logger, {
      workers: (deps) => {
        // The service's own workers, noted so a bench can tell which queues are being worked.
        const workers = options.workers === 'all' ? buildJobWorkers(deps) : [];
        workerQueues = workers.map((worker) => worker.queue);
        return workers;
      },
    });
  } catch (err) {
    await cleanUp();
    throw err;
  }
  const connection = await insertConnection(running.deps.database.db, {
    name: 'Radarr',
    kind: 'radarr',
    baseUrl: radarr.url,
    apiKey: radarr.apiKey,
    pathMappings: [{ remotePrefix: BENCH_REMOTE_ROOT, localPrefix: moviesDir }],
  });
  const url = `http://127.0.0.1:${running.port}`;
  return {
    backend: options.backend,
    running,
    database,
    url,
    webhookUrl: `${url}/webhooks/radarr`,
    authHeaders: { 'X-Api-Key': BENCH_API_KEY },
    connectionId: connection.id,
    workerQueues,
    moviesDir,
    addMovieFolders(first, count) {
      for (let n = first; n < first + count; n++) mkdirSync(join(moviesDir, benchMovieFolder(n)), { recursive: true });
    },
    async stop() {
      try {
        await running.stop();
      } finally {
        await cleanUp();
      }
    },
  };
}
