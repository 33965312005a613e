// Rename and delete with several files per item (issue #19): every owned file follows the Arr's
// rename to its slot's new name (a file whose profile was deleted keeps its name and only follows
// the folder), a user's own extra is never touched, and delete removes every owned file or only
// one slot's. Real downloads from the clip server make the files.
import { eq } from 'drizzle-orm';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { media, trailerProfiles } from '../../src/db/schema/index.ts';
import { createPipelineRuntime, type PipelineRuntime } from '../../src/pipeline/pipeline-runtime.ts';
import { runTrailerDelete } from '../../src/pipeline/trailer-delete.ts';
import { renameOwnedFiles, runTrailerRename } from '../../src/pipeline/trailer-rename.ts';
import {
  closePipelineWorld,
  enqueueFetch,
  insertMovie,
  listFiles,
  mediaRow,
  openPipelineWorld,
  trailerRows,
  waitForStatus,
  type PipelineWorld,
} from './pipeline-fixture.ts';
import { insertProfile, kindSearch, queueSlot, slotRow, waitForSlot } from './slot-fixture.ts';

let world: PipelineWorld;
let db: Db;
let rt: PipelineRuntime;
let featuretteId: number;
// An extra of a kind no profile here wants: a user's featurette would fill the featurette slot
// itself (never fetched then, test/inbox/import-user-extras.test.ts).
const USER_FILE = 'Interviews/x.mkv';
const USER_BYTES = Buffer.from('the user\'s own interview, not ours');

beforeAll(async () => {
  world = await openPipelineWorld('slots-rename', { pipeline: { search: kindSearch([]) } });
  db = world.svc.deps.database.db;
  rt = createPipelineRuntime(world.svc.deps);
  featuretteId = await insertProfile(db, { name: 'Featurettes', kind: 'featurette' });
}, 120_000);

afterAll(async () => {
  await closePipelineWorld(world);
});

/** A movie with our trailer, featurette and clip, and the user's own interview. */
async function movieWithThreeFiles(name: string): Promise<{ mediaId: number; folder: string; clipsId: number }> {
  const clipsId = await insertProfile(db, { name: `Clips for ${name}`, kind: 'clip' });
  const folder = path.join(world.root, `${name} (2020)`);
  const mediaId = await insertMovie(db, { connectionId: world.connectionId, folder, title: name, year: 2020 });
  await mkdir(path.join(folder, 'Interviews'));
  await writeFile(path.join(folder, USER_FILE), USER_BYTES);
  await enqueueFetch(world.svc, { mediaId, reason: 'import' });
  expect(await queueSlot(db, world.svc.boss, { mediaId, profileId: featuretteId })).toBe(true);
  await enqueueFetch(world.svc, { mediaId, reason: 'user', profileId: clipsId, videoId: 'clipScene01' });
  expect((await waitForStatus(db, mediaId, ['have', 'needs-attention'])).trailerStatus).toBe('have');
  expect((await waitForSlot(db, { mediaId, profileId: featuretteId }, ['have', 'needs-attention'])).status).toBe('have');
  expect((await waitForSlot(db, { mediaId, profileId: clipsId }, ['have', 'needs-attention'])).status).toBe('have');
  return { mediaId, folder, clipsId };
}

const present = async (mediaId: number) => (await trailerRows(db, mediaId)).filter((row) => row.state === 'present');

describe('rename and delete every slot', () => {
  it("the Arr renames the folder and the movie: every owned file follows to its slot's new name, the user's file stays byte-identical", async () => {
    const { mediaId, folder, clipsId } = await movieWithThreeFiles('Old Name');
    expect(await listFiles(folder)).toEqual([
      USER_FILE,
      'Old Name (2020)-featurette.mkv',
      'Old Name (2020)-scene.mkv',
      'Old Name (2020)-trailer.mkv',
      'Old Name (2020).mkv',
    ]);
    // The clip profile is deleted: its file keeps its name from now on.
    await db.delete(trailerProfiles).where(eq(trailerProfiles.id, clipsId));

    const newFolder = path.join(world.root, 'New Name (2020)');
    await rename(folder, newFolder);
    await rename(path.join(newFolder, 'Old Name (2020).mkv'), path.join(newFolder, 'New Name (2020).mkv'));
    await db.update(media).set({ folderPath: newFolder, movieFileRelativePath: 'New Name (2020).mkv', title: 'New Name' }).where(eq(media.id, mediaId));

    expect(await runTrailerRename(rt, { mediaId })).toBe('moved');
    expect(await listFiles(newFolder)).toEqual([
      USER_FILE,
      'New Name (2020)-featurette.mkv',
      'New Name (2020)-trailer.mkv',
      'New Name (2020).mkv',
      'Old Name (2020)-scene.mkv',
    ]);
    expect(await readFile(path.join(newFolder, USER_FILE))).toEqual(USER_BYTES);
    const rows = await present(mediaId);
    expect(rows.map((row) => path.relative(newFolder, row.path)).sort()).toEqual(['New Name (2020)-featurette.mkv', 'New Name (2020)-trailer.mkv', 'Old Name (2020)-scene.mkv']);
    // Nothing left to move: a second run changes nothing.
    expect((await renameOwnedFiles(rt, mediaId)).map((r) => r.result)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it("a per-slot delete removes only that slot's file; the item's delete removes every owned file and nothing else", async () => {
    const { mediaId, folder, clipsId } = await movieWithThreeFiles('Deleted');
    const single = await runTrailerDelete(rt, { mediaId, reason: 'user', profileId: featuretteId });
    expect(single.removed.map((file) => path.basename(file))).toEqual(['Deleted (2020)-featurette.mkv']);
    expect((await slotRow(db, { mediaId, profileId: featuretteId }))?.statusReason).toBe('deleted by the user');
    expect((await slotRow(db, { mediaId, profileId: featuretteId }))?.status).toBe('skipped');
    expect((await mediaRow(db, mediaId))?.trailerStatus).toBe('have');
    expect(await listFiles(folder)).toEqual(['Deleted (2020)-scene.mkv', 'Deleted (2020)-trailer.mkv', 'Deleted (2020).mkv', USER_FILE]);

    const all = await runTrailerDelete(rt, { mediaId, reason: 'user' });
    expect(all.removed.map((file) => path.basename(file)).sort()).toEqual(['Deleted (2020)-scene.mkv', 'Deleted (2020)-trailer.mkv']);
    expect(await listFiles(folder)).toEqual(['Deleted (2020).mkv', USER_FILE]);
    expect(await readFile(path.join(folder, USER_FILE))).toEqual(USER_BYTES);
    expect(await present(mediaId)).toEqual([]);
    expect((await mediaRow(db, mediaId))?.trailerStatus).toBe('skipped');
    expect((await slotRow(db, { mediaId, profileId: clipsId }))?.status).toBe('skipped');
  });
});
