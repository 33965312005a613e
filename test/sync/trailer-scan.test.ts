// The scan's I/O against real folders: which folders it reads for an item's slots (kind folders,
// the movie file's folder, season folders) and what it reports per slot. The rules themselves are
// domain/extras-on-disk.ts's (unit-tested there).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN_DISK_SLOT, type DiskSlot } from '../../src/domain/extras-on-disk.ts';
import { findUserSlotFile, scanTrailerFolders } from '../../src/sync/trailer-scan.ts';

let root: string;
const put = (...parts: string[]) => {
  const file = join(root, ...parts);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, 'x');
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'previewarr-scan-'));
  put('movies', 'Heat (1995)', 'Heat (1995).mkv');
  put('movies', 'Heat (1995)', 'Heat (1995)-featurette.mkv');
  put('movies', 'Heat (1995)', 'Interviews', 'Al Pacino.mkv');
  put('movies', 'Heat (1995)', 'Heat (1995)-trailer.mkv');
  put('movies', 'Heat (1995)', 'theme-music', 'Main Title.mp3');
  put('tv', 'Show', 'tvshow-trailer.mkv');
  put('tv', 'Show', 'Season 1', 'Show - S01E01.mkv');
  put('tv', 'Show', 'Season 1', 'Trailers', 'Season one.mkv');
  put('tv', 'Show', 'S02', 'season02-trailer.mkv');
  put('tv', 'Show', 'S02', 'Show - S02E01.mkv');
  put('tv', 'Show', 'Season 3', 'Show - S03E01.mkv');
  put('movies', 'Ronin (1998)', 'Ronin (1998).mkv');
  put('movies', 'Ronin (1998)', 'Ronin (1998)-trailer.mp4');
  put('movies', 'Ronin (1998)', 'Trailers', 'Ronin teaser.mkv');
  put('movies', 'Ronin (1998)', 'Featurettes', 'Making of.mkv');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('scanTrailerFolders with extra slots', () => {
  it('a movie: suffix-style and folder-style extras of the user, each for its slot; our own file is not theirs', async () => {
    const folder = join(root, 'movies', 'Heat (1995)');
    const [scan] = await scanTrailerFolders([
      {
        mediaId: 1,
        folder,
        movieFileRelativePath: 'Heat (1995).mkv',
        ownTrailerPaths: [join(folder, 'Heat (1995)-trailer.mkv')],
        extraSlots: [
          { key: 'featurette', kind: 'featurette', season: null },
          { key: 'interview', kind: 'interview', season: null },
          { key: 'theme', kind: 'theme-music', season: null },
          { key: 'clip', kind: 'clip', season: null },
        ],
      },
    ]);
    expect(scan).toMatchObject({ folderVisible: true, externalPath: null, ownMissing: [] });
    expect(Object.fromEntries(scan!.extraExternal ?? [])).toEqual({
      featurette: join(folder, 'Heat (1995)-featurette.mkv'),
      interview: join(folder, 'Interviews', 'Al Pacino.mkv'),
      theme: join(folder, 'theme-music', 'Main Title.mp3'),
    });
  });

  it('a series: the series trailer, and each season trailer from its own season folder', async () => {
    const folder = join(root, 'tv', 'Show');
    const [scan] = await scanTrailerFolders([
      {
        mediaId: 2,
        kind: 'series',
        folder,
        ownTrailerPaths: [],
        extraSlots: [1, 2, 3, 4].map((season) => ({ key: `s${season}`, kind: 'trailer' as const, season })),
      },
    ]);
    expect(scan!.externalPath).toBe(join(folder, 'tvshow-trailer.mkv'));
    expect(Object.fromEntries(scan!.extraExternal ?? [])).toEqual({
      s1: join(folder, 'Season 1', 'Trailers', 'Season one.mkv'),
      s2: join(folder, 'S02', 'season02-trailer.mkv'),
    });
  });
});

describe('findUserSlotFile: one slot, as the scan of every slot would answer', () => {
  const folder = () => join(root, 'movies', 'Ronin (1998)');
  const place = (ownTrailerPaths: string[] = []) => ({ kind: 'movie' as const, folder: folder(), movieFileRelativePath: 'Ronin (1998).mkv', ownTrailerPaths });
  const featurette: DiskSlot = { key: '7:', kind: 'featurette', season: null };
  const teaser: DiskSlot = { key: '8:', kind: 'teaser', season: null };
  const german: DiskSlot = { key: '9:', kind: 'trailer', season: null };

  it('each slot gets the file the full scan gives it; a second trailer slot gets none while the main one takes the only trailer', async () => {
    const itemSlots = [MAIN_DISK_SLOT, featurette, teaser, german];
    const [scan] = await scanTrailerFolders([{ mediaId: 3, ...place(), extraSlots: itemSlots.slice(1) }]);
    const one = async (slot: DiskSlot) => findUserSlotFile(place(), slot, itemSlots);
    expect(await one(MAIN_DISK_SLOT)).toBe(scan!.externalPath);
    expect(await one(MAIN_DISK_SLOT)).toBe(join(folder(), 'Ronin (1998)-trailer.mp4'));
    expect(await one(featurette)).toBe(join(folder(), 'Featurettes', 'Making of.mkv'));
    expect(await one(teaser)).toBe(join(folder(), 'Trailers', 'Ronin teaser.mkv'));
    expect(await one(german)).toBeNull();
    for (const slot of itemSlots.slice(1)) expect(await one(slot)).toBe(scan!.extraExternal?.get(slot.key) ?? null);
  });

  it('without a teaser slot the main slot would take a teaser, but a plain trailer first; our own file is never the user\'s', async () => {
    expect(await findUserSlotFile(place(), MAIN_DISK_SLOT, [MAIN_DISK_SLOT])).toBe(join(folder(), 'Ronin (1998)-trailer.mp4'));
    const ours = place([join(folder(), 'Ronin (1998)-trailer.mp4')]);
    expect(await findUserSlotFile(ours, MAIN_DISK_SLOT, [MAIN_DISK_SLOT])).toBe(join(folder(), 'Trailers', 'Ronin teaser.mkv'));
    expect(await findUserSlotFile(ours, MAIN_DISK_SLOT, [MAIN_DISK_SLOT, teaser])).toBeNull();
  });

  it('a folder that cannot be read here answers nothing', async () => {
    expect(await findUserSlotFile({ ...place(), folder: join(root, 'movies', 'Not Mounted') }, featurette, [MAIN_DISK_SLOT, featurette])).toBeUndefined();
  });
});
