// Issue #19's migration on an install made before slots: its trailers, candidates and attempts
// stay and belong to the main trailer slot (the profile the `defaultProfileId` setting named), that
// profile stays the enabled default, and profiles that were never used start disabled.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle } from '../../src/db/client.ts';
import { migrationsFolder, runMigrations } from '../../src/db/migrate.ts';
import { createTestDatabase, testBackend, type TestDatabase } from '../support/test-db.ts';

const BEFORE_SLOTS = '0004_round_two';

/** A copy of the migrations folder that ends just before the slots migration. */
function migrationsBeforeSlots(into: string): string {
  const folder = join(into, 'migrations-before-slots');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((entry) => entry.tag === BEFORE_SLOTS);
  if (last < 0) throw new Error(`no migration ${BEFORE_SLOTS}`);
  const kept = journal.entries.slice(0, last + 1);
  for (const entry of kept) cpSync(join(migrationsFolder, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: kept }));
  return folder;
}

describe(`the slots migration keeps an existing install (${testBackend})`, () => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;
  const rows = async <T,>(query: ReturnType<typeof sql>): Promise<T[]> => rowsOf<T>(await handle.db.execute(query));

  beforeAll(async () => {
    testDb = await createTestDatabase('slotmigrate', { empty: true });
    handle = await openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
    const old = migrationsBeforeSlots(testDb.dataDir);
    if (handle.kind === 'pglite') await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: old });
    else await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: old });

    // An install of the previous version: three profiles, the second chosen in Settings; one movie
    // with our trailer, its candidates and attempts; one movie whose trailer was replaced once.
    await handle.db.execute(sql`insert into trailer_profiles (name, is_default) values ('Default', true), ('Small', false), ('Unused', false)`);
    await handle.db.execute(sql`insert into settings (key, value) values ('defaultProfileId', '2'::jsonb)`);
    await handle.db.execute(sql`insert into connections (name, kind, base_url, api_key) values ('Radarr', 'radarr', 'http://radarr', 'k')`);
    await handle.db.execute(sql`insert into media (connection_id, arr_id, kind, title, folder_path, trailer_status)
      select id, 1, 'movie', 'Arrival', '/movies/Arrival (2016)', 'have' from connections`);
    await handle.db.execute(sql`insert into trailers (media_id, path, size_bytes, mtime_ms, source_url, profile_id, state)
      select id, '/movies/Arrival (2016)/Arrival-trailer.mkv', 1234, 5678, 'https://www.youtube.com/watch?v=a', null, 'present' from media`);
    await handle.db.execute(sql`insert into trailers (media_id, path, size_bytes, mtime_ms, source_url, profile_id, state)
      select id, '/movies/Arrival (2016)/Arrival-trailer.old.mkv', 1, 1, 'https://www.youtube.com/watch?v=b', 1, 'removed' from media`);
    await handle.db.execute(sql`insert into trailer_candidates (media_id, video_id, url, source, score)
      select id, v, 'https://www.youtube.com/watch?v=' || v, 'search', 50 from media, unnest(array['a', 'b']) as v`);
    await handle.db.execute(sql`insert into download_attempts (media_id, source_video_id, outcome) select id, 'a', 'succeeded' from media`);
    await runMigrations(handle);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  it('keeps the chosen profile as the enabled default and disables the never-used ones', async () => {
    const profiles = await rows<{ name: string; is_default: boolean; enabled: boolean; kind: string; scope: string }>(
      sql`select name, is_default, enabled, kind, scope from trailer_profiles order by id`,
    );
    expect(profiles).toEqual([
      { name: 'Default', is_default: false, enabled: false, kind: 'trailer', scope: 'item' },
      { name: 'Small', is_default: true, enabled: true, kind: 'trailer', scope: 'item' },
      { name: 'Unused', is_default: false, enabled: false, kind: 'trailer', scope: 'item' },
    ]);
  });

  it("keeps every trailer, candidate and attempt, in the main trailer's slot", async () => {
    const trailers = await rows<{ path: string; profile_id: number; season: number | null; state: string }>(
      sql`select path, profile_id, season, state from trailers order by id`,
    );
    expect(trailers).toEqual([
      { path: '/movies/Arrival (2016)/Arrival-trailer.mkv', profile_id: 2, season: null, state: 'present' },
      // A row that named its profile keeps it.
      { path: '/movies/Arrival (2016)/Arrival-trailer.old.mkv', profile_id: 1, season: null, state: 'removed' },
    ]);
    expect(await rows(sql`select video_id, profile_id, season from trailer_candidates order by video_id`)).toEqual([
      { video_id: 'a', profile_id: 2, season: null },
      { video_id: 'b', profile_id: 2, season: null },
    ]);
    expect(await rows(sql`select source_video_id, profile_id, outcome from download_attempts`)).toEqual([{ source_video_id: 'a', profile_id: 2, outcome: 'succeeded' }]);
    expect(await rows(sql`select title, trailer_status, tags, seasons from media`)).toEqual([{ title: 'Arrival', trailer_status: 'have', tags: [], seasons: [] }]);
  });

  it('still refuses a second present file in one slot, and allows one in another slot', async () => {
    const insert = (path: string, profileId: number, season: number | null) =>
      handle.db.execute(sql`insert into trailers (media_id, path, size_bytes, mtime_ms, source_url, profile_id, season, state)
        select id, ${path}, 1, 1, 'u', ${profileId}, ${season}, 'present' from media`);
    await expect(insert('/movies/Arrival (2016)/Arrival.2-trailer.mkv', 2, null)).rejects.toThrow();
    await insert('/movies/Arrival (2016)/Featurettes/Arrival.mkv', 3, null);
    await expect(insert('/movies/Arrival (2016)/Featurettes/Arrival 2.mkv', 3, null)).rejects.toThrow();
  });
});
