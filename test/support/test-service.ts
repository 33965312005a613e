/**
 * Starts the real service in-process on a fresh test database and a free port.
 *   const svc = await startTestService({ env: { WORKER_CONCURRENCY: '1' } });
 *   await fetch(`${svc.url}/readyz`); … await svc.stop();
 * `svc.apiKey` is the key to send; `svc.deps` exposes db, boss and logger for assertions.
 * Logs are collected in `svc.logs` (one parsed JSON object per line) for secret scans.
 */
import { Writable } from 'node:stream';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/logger.ts';
import { startService, type RunningService, type StartOptions } from '../../src/app/service.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export const TEST_API_KEY = 'test-api-key-0123456789abcdef';

export type TestService = RunningService & {
  url: string;
  apiKey: string;
  database: TestDatabase;
  logs: Array<Record<string, unknown>>;
  rawLogs: string[];
  /** Stops the service (if still running) and drops the database. */
  stop(): Promise<void>;
  /** Stops only the service, keeping the database for a restart. */
  stopService(): Promise<void>;
};

export type TestServiceOptions = StartOptions & {
  env?: Record<string, string>;
  /** Reuse a database (to test restarts); otherwise a fresh one is created and dropped. */
  database?: TestDatabase;
};

export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const database = options.database ?? (await createTestDatabase('svc'));
  const env = loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    API_KEY: TEST_API_KEY,
    SHUTDOWN_GRACE_SECONDS: '5',
    // A backup at every start would add seconds to each test; test/backups turns them on.
    BACKUP_KEEP: '0',
    ...database.env,
    ...options.env,
  });
  const rawLogs: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        rawLogs.push(line);
        try {
          logs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          logs.push({ msg: line });
        }
      }
      callback();
    },
  });
  const logger = createLogger(env.LOG_LEVEL, sink);
  const running = await startService(env, logger, options);
  let stopped = false;
  const stopService = async () => {
    if (stopped) return;
    stopped = true;
    await running.stop();
  };
  return {
    ...running,
    url: `http://127.0.0.1:${running.port}`,
    apiKey: env.API_KEY ?? running.deps.apiKey.current(),
    database,
    logs,
    rawLogs,
    stopService,
    async stop() {
      await stopService();
      if (!options.database) await database.drop();
    },
  };
}
