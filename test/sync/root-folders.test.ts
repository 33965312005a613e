import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localRootFolders, remapRootFolders } from '../../src/connections/root-folders.ts';
import { coveringMapping } from '../../src/domain/path-mapping.ts';
import { mapBounded } from '../../src/sync/bounded-map.ts';
import { jsonParam } from '../../src/sync/json-param.ts';

describe('root folders seen from here', () => {
  let here: string;
  beforeAll(() => {
    here = mkdtempSync(join(tmpdir(), 'previewarr-roots-'));
    mkdirSync(join(here, 'tv'));
  });
  afterAll(() => rmSync(here, { recursive: true, force: true }));

  it('maps covered folders, keeps folders that exist here as-is, flags the rest', async () => {
    const folders = [
      { id: 1, path: '/movies', accessible: true, freeSpace: 10 },
      { id: 2, path: join(here, 'tv'), accessible: true },
      { id: 3, path: '/movies-4k', accessible: false },
      { id: 4, path: 'D:\\Films', accessible: true },
    ];
    const mappings = [
      { remotePrefix: '/movies', localPrefix: '/mnt/not-mounted-right-now' },
      { remotePrefix: 'D:\\', localPrefix: join(here, 'd') },
    ];
    expect(await localRootFolders(folders, mappings)).toEqual([
      // The user said where it is; a mount that is down right now does not unmap it.
      { path: '/movies', localPath: '/mnt/not-mounted-right-now', accessible: true, freeSpace: 10 },
      { path: join(here, 'tv'), localPath: join(here, 'tv'), accessible: true },
      // Not /movies: mappings match whole path segments.
      { path: '/movies-4k', localPath: null, accessible: false },
      { path: 'D:\\Films', localPath: join(here, 'd', 'Films'), accessible: true },
    ]);
    const unmappedWindows = await localRootFolders([{ id: 5, path: 'E:\\TV', accessible: true }], mappings);
    expect(unmappedWindows[0]?.localPath).toBeNull();
  });

  it('re-maps stored folders when the mappings change', async () => {
    const stored = [{ path: '/movies-4k', localPath: null, accessible: true, freeSpace: 3 }];
    expect(await remapRootFolders(stored, [{ remotePrefix: '/movies-4k', localPrefix: '/data/4k' }])).toEqual([
      { path: '/movies-4k', localPath: '/data/4k', accessible: true, freeSpace: 3 },
    ]);
  });

  it('coveringMapping names the mapping used, longest prefix first, whole segments only', () => {
    const short = { remotePrefix: '/media', localPrefix: '/a' };
    const long = { remotePrefix: '/media/movies', localPrefix: '/b' };
    expect(coveringMapping('/media/movies/X (2000)', [short, long])).toBe(long);
    expect(coveringMapping('/media/tv/Y', [short, long])).toBe(short);
    expect(coveringMapping('/mediathek/Y', [short, long])).toBeUndefined();
    expect(coveringMapping('relative/path', [short])).toBeUndefined();
    expect(coveringMapping('C:\\Movies\\X', [{ remotePrefix: 'c:\\movies', localPrefix: '/m' }])?.localPrefix).toBe('/m');
  });
});

describe('bulk helpers', () => {
  it('mapBounded keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapBounded([5, 1, 4, 2, 3, 0], 2, async (ms) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return ms * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });

  it('jsonParam replaces broken UTF-16 that Postgres would refuse, and keeps the rest', () => {
    const text = jsonParam([{ title: 'ok \ud83c\udfac', broken: 'a\ud800b', tail: '\udc00' }]);
    expect(JSON.parse(text)).toEqual([{ title: 'ok 🎬', broken: 'a\ufffdb', tail: '\ufffd' }]);
  });
});
