// Start-up clean-up with extra slots (issue #19): a killed run's partial file inside a season
// folder or an extras folder is found through its attempt row and removed; the slot shows queued
// again on its own row (the main trailer's on the media row); nothing else in those folders moves.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { downloadAttempts } from '../../src/db/schema/index.ts';
import { readSettings } from '../../src/db/settings-store.ts';
import { slotTarget } from '../../src/domain/slot-name.ts';
import { cleanupInterruptedWork } from '../../src/pipeline/startup-cleanup.ts';
import { ensureDefaultProfile, loadProfile } from '../../src/pipeline/trailer-profile.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { insertConnection, insertMovie, listFiles, makeMediaRoot, mediaRow, removeMediaRoot } from './pipeline-fixture.ts';
import { insertProfile, setItemFacts, slotRow } from './slot-fixture.ts';

let svc: TestService;
let db: Db;
let root: string;
let workRoot: string;

beforeAll(async () => {
  svc = await startTestService({ workers: () => [] });
  db = svc.deps.database.db;
  root = await makeMediaRoot('slots-cleanup');
  workRoot = await mkdtemp(path.join(tmpdir(), 'previewarr-work-'));
  await ensureDefaultProfile(db);
});

afterAll(async () => {
  await svc?.stop();
  await removeMediaRoot(root);
  await rm(workRoot, { recursive: true, force: true });
});

describe(`start-up clean-up of extra slots (${testBackend})`, () => {
  it("removes a dead run's partial files in season and extras folders and shows each slot queued again", async () => {
    const connectionId = await insertConnection(db, root, 'sonarr');
    const folder = path.join(root, 'Killed Show');
    const mediaId = await insertMovie(db, { connectionId, folder, kind: 'series', title: 'Killed Show', movieFile: null });
    await setItemFacts(db, mediaId, { seasons: [{ number: 1, monitored: true }] });
    await mkdir(path.join(folder, 'Season 01', 'Featurettes'), { recursive: true });
    await writeFile(path.join(folder, 'Season 01', 'Featurettes', 'theirs-featurette.mkv'), 'the user');
    const mainId = (await loadProfile(db, await readSettings(db))).row.id;
    const seasonId = await insertProfile(db, { name: 'Season trailers', kind: 'trailer', scope: 'season' });
    const featuretteId = await insertProfile(db, { name: 'Featurettes', kind: 'featurette' });

    const named = (extraKind: 'trailer' | 'featurette', season: number | undefined, style: 'suffix' | 'folder') => {
      const result = slotTarget({ kind: 'series', mediaFolder: folder, extraKind, season, seasonFolderName: season !== undefined ? 'Season 01' : undefined, style, container: 'mkv', title: 'Killed Show' });
      if (!result.ok) throw new Error(result.reason);
      return result.target.partialPath;
    };
    const partials = [
      { profileId: mainId, season: null, partialPath: named('trailer', undefined, 'suffix') },
      { profileId: seasonId, season: 1, partialPath: named('trailer', 1, 'suffix') },
      { profileId: featuretteId, season: null, partialPath: named('featurette', undefined, 'folder') },
    ];
    for (const partial of partials) {
      await mkdir(path.dirname(partial.partialPath), { recursive: true });
      await writeFile(partial.partialPath, 'half a video');
      // A run whose job is gone and whose process on another host was killed.
      await db.insert(downloadAttempts).values({ mediaId, ...partial, outcome: 'running', worker: 'elsewhere:1', jobId: null });
    }

    const report = await cleanupInterruptedWork({ db, boss: svc.boss, logger: svc.deps.logger, workRoot, worker: 'here:1' });
    expect([...report.partialFilesRemoved].sort()).toEqual(partials.map((p) => p.partialPath).sort());
    expect(await listFiles(folder)).toEqual(['Season 01/Featurettes/theirs-featurette.mkv']);
    expect(await readFile(path.join(folder, 'Season 01', 'Featurettes', 'theirs-featurette.mkv'), 'utf8')).toBe('the user');
    expect((await mediaRow(db, mediaId))?.trailerStatus).toBe('queued');
    for (const slot of [{ mediaId, profileId: seasonId, season: 1 }, { mediaId, profileId: featuretteId }]) {
      expect(await slotRow(db, slot)).toMatchObject({ status: 'queued', statusReason: 'interrupted by a restart; retrying' });
    }
    // The main trailer's state is the media row's: no slot row for it.
    expect(await slotRow(db, { mediaId, profileId: mainId })).toBeUndefined();
  });
});
