// The scan's I/O against real folders: which folders it reads for an item's slots (kind folders,
// the movie file's folder, season folders) and what it reports per slot. The rules themselves are
// domain/extras-on-disk.ts's (unit-tested there).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTrailerFolders } from '../../src/sync/trailer-scan.ts';

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
