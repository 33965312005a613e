// Whether an item has its main trailer (hasMainTrailer, the webhook's "it already has our
// trailer"): a present, whole-item file of the main profile; with no profile at all yet, any
// present whole-item file. The same rule the backfill and the fetch claim read as SQL.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { trailerProfiles, trailers } from '../../src/db/schema/index.ts';
import { hasMainTrailer, mainProfileId } from '../../src/library/main-profile.ts';
import { insertProfile } from '../pipeline/slot-fixture.ts';
import { testBackend } from '../support/test-db.ts';
import { closeLibraryWorld, openLibraryWorld, type LibraryWorld } from './library-world.ts';

let world: LibraryWorld | undefined;
let db: Db;
let root: string;
let item: () => Promise<number>;
let mainId: number;
let featuretteId: number;
let fileCounter = 0;

beforeAll(async () => {
  world = await openLibraryWorld('main-profile');
  ({ db, root, item } = world);
  mainId = (await mainProfileId(db)) ?? (await insertProfile(db, { name: 'Main', kind: 'trailer', isDefault: true }));
  featuretteId = await insertProfile(db, { name: 'Featurettes', kind: 'featurette' });
});

afterAll(() => closeLibraryWorld(world));

type FileSpec = { profileId: number | null; season?: number; state?: 'present' | 'removed' | 'missing' };

async function addFile(mediaId: number, file: FileSpec): Promise<void> {
  fileCounter += 1;
  await db.insert(trailers).values({
    mediaId,
    path: path.join(root, `file-${fileCounter}.mkv`),
    sizeBytes: 1,
    mtimeMs: 1,
    sourceUrl: 'http://127.0.0.1/clip.mp4',
    profileId: file.profileId,
    season: file.season ?? null,
    state: file.state ?? 'present',
  });
}

async function hasMainTrailerWith(files: FileSpec[]): Promise<boolean> {
  const mediaId = await item();
  for (const file of files) await addFile(mediaId, file);
  return hasMainTrailer(db, mediaId);
}

describe(`hasMainTrailer (${testBackend})`, () => {
  it("is true for a present whole-item file of the main profile", async () => {
    expect(await hasMainTrailerWith([{ profileId: mainId }])).toBe(true);
  });

  it.each<[string, FileSpec[]]>([
    ['no file', []],
    ["another profile's file", [{ profileId: featuretteId }]],
    ["a season's file of the main profile", [{ profileId: mainId, season: 1 }]],
    ['a removed file', [{ profileId: mainId, state: 'removed' }]],
    ['a missing file', [{ profileId: mainId, state: 'missing' }]],
    ['a file whose profile was deleted', [{ profileId: null }]],
  ])('is false with %s', async (_what, files) => {
    expect(await hasMainTrailerWith(files)).toBe(false);
  });

  it('with no profile at all, any present whole-item file is the main trailer (and still no season file)', async () => {
    const whole = await item();
    const season = await item();
    await addFile(whole, { profileId: featuretteId });
    await addFile(season, { profileId: featuretteId, season: 1 });
    // Deleting the profiles leaves their files with no profile (on delete set null).
    await db.delete(trailerProfiles);
    expect(await mainProfileId(db)).toBeUndefined();

    expect(await hasMainTrailer(db, whole)).toBe(true);
    expect(await hasMainTrailer(db, season)).toBe(false);
  });
});
