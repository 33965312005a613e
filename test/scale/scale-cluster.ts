// One installation scaled out the way compose.yaml's `scale` profile runs it: a ROLE=web process
// and several ROLE=worker processes (each the real service, `node src/main.ts`, its own process
// group) on one PostgreSQL database, downloading from the local clip server, reading a fake
// Radarr whose movies all have a file and a trailer id.
//   const cluster = await startCluster({ database, clips, workers: 3 });
//   cluster.web.url; cluster.workers[1].kill(); await cluster.addWorker(); await cluster.close();
//   const radarr = await startLibrary(300); await cluster.syncLibrary(radarr); await cluster.countByStatus();
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type DatabaseHandle } from '../../src/db/client.ts';
import { makeImportLibrary, insertRadarrConnection, type ImportLibrary } from '../guarantees/import-library.ts';
import { startChildService, type ChildService } from '../support/child-service.ts';
import type { ClipServer } from '../support/clip-server.ts';
import { startFakeRadarr, type FakeArrServer } from '../support/fake-arr.ts';
import type { TestDatabase } from '../support/test-db.ts';
import { TEST_API_KEY } from '../support/test-service.ts';

export type ClusterOptions = {
  database: Pick<TestDatabase, 'dataDir' | 'env' | 'databaseUrl'>;
  clips: ClipServer;
  workers: number;
  /** Extra environment for every process. */
  env?: Record<string, string>;
};

export type Cluster = {
  web: ChildService;
  workers: ChildService[];
  /** The test's own connection to the database. */
  handle: DatabaseHandle;
  addWorker(env?: Record<string, string>): Promise<ChildService>;
  /** A connection to `library` served by a fake Radarr, then a sync through the web process's API. */
  syncLibrary(library: TestLibrary): Promise<void>;
  countByStatus(): Promise<Record<string, number>>;
  close(): Promise<void>;
};

export type TestLibrary = ImportLibrary & { radarr: FakeArrServer; trailerIds: string[] };

/** `count` monitored movies with a file and a trailer id each (`sc` + 9 digits, like YouTube's 11). */
export async function startLibrary(count: number, startId = 1000): Promise<TestLibrary> {
  const library = makeImportLibrary(count, { startId });
  library.movies = library.movies.map((movie) => ({ ...movie, monitored: true, youTubeTrailerId: `sc${String(movie.id).padStart(9, '0')}` }));
  const radarr = await startFakeRadarr({ movies: library.movies });
  return { ...library, radarr, trailerIds: library.movies.map((movie) => String(movie.youTubeTrailerId)) };
}

export function processEnv({ database, clips, env }: Pick<ClusterOptions, 'database' | 'clips' | 'env'>, role: 'web' | 'worker'): Record<string, string> {
  return { ...database.env, ROLE: role, API_KEY: TEST_API_KEY, TRAILER_URL_TEMPLATE: clips.urlTemplate, SHUTDOWN_GRACE_SECONDS: '2', ...env };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const web = await startChildService(processEnv(options, 'web'));
  const started = await Promise.allSettled(Array.from({ length: options.workers }, () => startChildService(processEnv(options, 'worker'))));
  const workers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all([web, ...workers].map((child) => child.kill()));
    throw failed.reason;
  }
  const handle = await openDatabase({ dataDir: options.database.dataDir, databaseUrl: options.database.databaseUrl!, poolSize: 2 });
  const cluster: Cluster = {
    web,
    workers,
    handle,
    async addWorker(env = {}) {
      const worker = await startChildService({ ...processEnv(options, 'worker'), ...env });
      workers.push(worker);
      return worker;
    },
    async syncLibrary(library) {
      await insertRadarrConnection(handle.db, library, { name: `Radarr ${library.radarr.port}`, baseUrl: library.radarr.url, apiKey: library.radarr.apiKey });
      const res = await fetch(`${web.url}/api/v1/sync`, { method: 'POST', headers: { 'X-Api-Key': TEST_API_KEY } });
      if (res.status >= 300) throw new Error(`POST /api/v1/sync answered ${res.status}: ${await res.text()}\n${web.rawLogs.slice(-5).join("\n")}`);
    },
    async countByStatus() {
      const result = await handle.db.execute(sql`select trailer_status as status, count(*)::int as n from media group by trailer_status`);
      return Object.fromEntries(rowsOf<{ status: string; n: number }>(result).map((row) => [row.status, row.n]));
    },
    async close() {
      await Promise.all([web, ...workers].map((child) => child.kill()));
      await handle.close();
    },
  };
  return cluster;
}
