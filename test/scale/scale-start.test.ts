// Starting a scaled-out installation on PostgreSQL: several processes at once migrate once, a
// worker started before the web process waits for it, no process runs on a schema newer than its
// own build, and settings that must be equal everywhere are checked, a mismatch shown on the
// dashboard. PostgreSQL only: the embedded database admits one process.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle } from '../../src/db/client.ts';
import { expectedMigrationCount } from '../../src/db/migrate.ts';
import { createAdmin } from '../guarantees/admin-session.ts';
import { spawnChildService, startChildService, type ChildService } from '../support/child-service.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { createTestDatabase, testBackend, type TestDatabase } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';
import { processEnv } from './scale-cluster.ts';

describe.skipIf(testBackend !== 'postgres')('starting web and worker processes on PostgreSQL (PostgreSQL only: the embedded database admits one process)', () => {
  let clips: ClipServer;
  const databases: TestDatabase[] = [];
  const children: ChildService[] = [];
  const handles: DatabaseHandle[] = [];

  beforeAll(async () => {
    clips = await startClipServer();
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => child.kill()));
    for (const handle of handles) await handle.close();
    await clips?.close();
    for (const database of databases) await database.drop();
  });

  async function emptyDatabase(): Promise<{ database: TestDatabase; handle: DatabaseHandle }> {
    const database = await createTestDatabase('scale-start', { empty: true });
    databases.push(database);
    const handle = await openDatabase({ dataDir: database.dataDir, databaseUrl: database.databaseUrl!, poolSize: 2 });
    handles.push(handle);
    return { database, handle };
  }

  const track = (child: ChildService) => {
    children.push(child);
    return child;
  };
  const start = (database: TestDatabase, role: 'web' | 'worker', env: Record<string, string> = {}) =>
    startChildService(processEnv({ database, clips, env }, role)).then(track);
  const isRunning = (child: ChildService) => child.logs.some((line) => line.msg === 'Previewarr is running');

  async function migrations(handle: DatabaseHandle): Promise<Array<{ hash: string }>> {
    return rowsOf<{ hash: string }>(await handle.db.execute(sql`select hash from drizzle.__drizzle_migrations order by id`));
  }

  it('five processes started at once on an empty database migrate it once', async () => {
    const { database, handle } = await emptyDatabase();
    const roles = ['web', 'worker', 'web', 'worker', 'worker'] as const;
    const five = await Promise.all(roles.map((role) => start(database, role)));
    expect(five.every(isRunning)).toBe(true);
    const applied = await migrations(handle);
    expect(applied).toHaveLength(expectedMigrationCount());
    expect(new Set(applied.map((row) => row.hash)).size).toBe(applied.length);
    // Both web processes tried under the lock; exactly one found anything to apply.
    const migrators = five.filter((child) => child.logs.some((line) => /^applied \d+ database migrations$/.test(String(line.msg))));
    expect(migrators).toHaveLength(1);
    expect(migrators[0]!.logs.find((line) => String(line.msg).startsWith('applied'))?.applied).toBe(expectedMigrationCount());
    for (const child of five) expect((await fetch(`${child.url}/readyz`)).status).toBe(200);
    await Promise.all(five.map((child) => child.stop()));
  }, 240_000);

  it('a worker started before the web process waits for its migrations, then runs', async () => {
    const { database, handle } = await emptyDatabase();
    const worker = track(spawnChildService(processEnv({ database, clips }, 'worker')));
    const waiting = await waitFor(() => worker.logs.find((line) => String(line.msg).startsWith('waiting for the database schema')), {
      timeoutMs: 60_000,
      what: 'the worker to say it waits',
    });
    expect(waiting.msg).toContain(`0 of this version's ${expectedMigrationCount()} migrations are applied`);
    expect(waiting.msg).toContain('start the web process');
    expect(await migrations(handle).catch(() => [])).toEqual([]);
    expect(isRunning(worker)).toBe(false);

    await start(database, 'web');
    await waitFor(() => isRunning(worker), { timeoutMs: 60_000, what: 'the worker to run once the schema is there' });
    expect(worker.logs.some((line) => line.msg === 'the database schema is ready')).toBe(true);
    expect(worker.logs.some((line) => String(line.msg).startsWith('applied'))).toBe(false);
  }, 180_000);

  it('refuses to run on a database migrated by a newer version, with a clear message', async () => {
    const { database, handle } = await emptyDatabase();
    const web = await start(database, 'web');
    await web.stop();
    await handle.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-version', ${Date.now()})`);
    for (const role of ['worker', 'web'] as const) {
      const child = track(spawnChildService(processEnv({ database, clips }, role)));
      const exit = await child.exited;
      expect(exit.code).toBe(1);
      expect(child.stderr()).toContain(`The database schema is newer than this Previewarr (${expectedMigrationCount() + 1} migrations applied, this version knows ${expectedMigrationCount()})`);
      expect(isRunning(child)).toBe(false);
    }
  }, 180_000);

  it('a worker whose URL template differs from the web process is logged and shown on the dashboard', async () => {
    const { database } = await emptyDatabase();
    const web = await start(database, 'web');
    const admin = await createAdmin(web);
    const dashboard = async () => (await fetch(`${web.url}/`, { headers: { Cookie: admin.cookie } })).text();
    const alike = await start(database, 'worker');
    expect(alike.logs.some((line) => String(line.msg).includes('differs between the running Previewarr processes'))).toBe(false);
    expect(await dashboard()).not.toContain('process-settings-warning');

    const odd = await start(database, 'worker', { TRAILER_URL_TEMPLATE: 'http://user:secret@127.0.0.1:9/other/{id}.mp4' });
    const warning = odd.logs.find((line) => String(line.msg).startsWith('TRAILER_URL_TEMPLATE differs'));
    expect(warning).toBeDefined();
    const page = await dashboard();
    expect(page).toContain('id="process-settings-warning"');
    expect(page).toMatch(/data-setting="TRAILER_URL_TEMPLATE"/);
    expect(page).toContain('http://••••@127.0.0.1:9/other/{id}.mp4');
    expect(page).toContain(`:${odd.pid}:`);
    expect(page).not.toContain('secret');
    expect(page).not.toMatch(/data-setting="DATA_DIR"/);

    // Once the odd worker has stopped, the warning is gone.
    await odd.stop();
    expect(await dashboard()).not.toContain('process-settings-warning');
  }, 180_000);
});
