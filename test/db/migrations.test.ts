import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle } from '../../src/db/client.ts';
import { appliedMigrationCount, expectedMigrationCount, runMigrations } from '../../src/db/migrate.ts';
import { createTestDatabase, testBackend, type TestDatabase } from '../support/test-db.ts';

describe(`migrations on ${testBackend}`, () => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    testDb = await createTestDatabase('migrate', { empty: true });
    handle = await openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  it('applies every migration to an empty database, once', async () => {
    expect(await appliedMigrationCount(handle)).toBe(0);
    await runMigrations(handle);
    expect(await appliedMigrationCount(handle)).toBe(expectedMigrationCount());
    await runMigrations(handle);
    expect(await appliedMigrationCount(handle)).toBe(expectedMigrationCount());
  });

  it('creates every table of the schema', async () => {
    const result = await handle.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    const tables = rowsOf<{ table_name: string }>(result).map((row) => row.table_name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'admin_users',
        'connections',
        'download_attempts',
        'media',
        'sessions',
        'settings',
        'trailer_candidates',
        'trailer_profiles',
        'trailers',
        'video_blocklist',
        'webhook_events',
      ]),
    );
  });

  it('enforces one present trailer per media item', async () => {
    await handle.db.execute(sql`insert into connections (name, kind, base_url, api_key) values ('r', 'radarr', 'http://r', 'k')`);
    await handle.db.execute(
      sql`insert into media (connection_id, arr_id, kind, title, folder_path) select id, 1, 'movie', 'M', '/movies/M' from connections`,
    );
    const insertTrailer = (path: string) =>
      handle.db.execute(
        sql`insert into trailers (media_id, path, size_bytes, mtime_ms, source_url) select id, ${path}, 1, 1, 'u' from media`,
      );
    await insertTrailer('/movies/M/a-trailer.mkv');
    await expect(insertTrailer('/movies/M/b-trailer.mkv')).rejects.toThrow();
  });
});
