import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrFixture } from '../support/fake-arr-data.ts';
import {
  arrPathStyle,
  checkInsideRoots,
  mapArrPath,
  pathMappingProblem,
  resolveInsideRoot,
  toLocalPath,
  type PathMapping,
} from '../../src/domain/path-mapping.ts';

function mapped(path: string, mappings: readonly PathMapping[]): string {
  const result = mapArrPath(path, mappings);
  if (!result.ok) throw new Error(`expected a mapping, got: ${result.reason}`);
  return result.localPath;
}

function failure(result: { ok: true } | { ok: false; reason: string }): string {
  if (result.ok) throw new Error('expected a failure');
  return result.reason;
}

describe('mapArrPath: POSIX container paths', () => {
  const mappings = [{ remotePrefix: '/movies', localPrefix: '/mnt/media/movies' }];

  it('replaces the prefix and keeps the rest', () => {
    expect(mapped('/movies/Heat (1995)', mappings)).toBe('/mnt/media/movies/Heat (1995)');
    expect(mapped('/movies', mappings)).toBe('/mnt/media/movies');
  });

  it('matches on a segment boundary only: /movies is not /movies2', () => {
    expect(mapped('/movies2/Heat (1995)', mappings)).toBe('/movies2/Heat (1995)');
  });

  it('is case-sensitive for POSIX paths', () => {
    expect(mapped('/Movies/Heat', mappings)).toBe('/Movies/Heat');
  });

  it('lets the longest prefix win whatever the order', () => {
    const both = [
      { remotePrefix: '/data', localPrefix: '/mnt/data' },
      { remotePrefix: '/data/movies/4k/', localPrefix: '/mnt/uhd' },
    ];
    expect(mapped('/data/movies/4k/Dune (2021)', both)).toBe('/mnt/uhd/Dune (2021)');
    expect(mapped('/data/movies/4k/Dune (2021)', [...both].reverse())).toBe('/mnt/uhd/Dune (2021)');
    expect(mapped('/data/movies/hd/Dune (2021)', both)).toBe('/mnt/data/movies/hd/Dune (2021)');
  });

  it('takes a POSIX path with no mapping as it is (shared mount points)', () => {
    expect(mapped('/movies/X', [])).toBe('/movies/X');
    expect(mapped('//movies///X/./', [])).toBe('/movies/X');
  });

  it('keeps Unicode byte-exact (NFD stays NFD)', () => {
    const nfd = '/movies/Ame\u0301lie (2001)';
    expect(mapped(nfd, mappings)).toBe('/mnt/media/movies/Ame\u0301lie (2001)');
    expect(mapped(nfd, mappings)).not.toBe(mapped(nfd.normalize('NFC'), mappings));
  });

  it('keeps a backslash inside a POSIX name (it is a legal character there)', () => {
    expect(mapped('/movies/A\\B', mappings)).toBe('/mnt/media/movies/A\\B');
  });
});

describe('mapArrPath: Windows drive and UNC paths', () => {
  const mappings: PathMapping[] = [
    { remotePrefix: 'C:\\Movies', localPrefix: '/mnt/c-movies' },
    { remotePrefix: '\\\\nas\\share', localPrefix: '/mnt/nas' },
  ];

  it('maps a drive path, converting \\ to / in the remainder', () => {
    expect(mapped('C:\\Movies\\Heat (1995)\\Heat.mkv', mappings)).toBe('/mnt/c-movies/Heat (1995)/Heat.mkv');
  });

  it('matches the Windows prefix case-insensitively but keeps the rest byte-exact', () => {
    expect(mapped('c:\\MOVIES\\Heat (1995)', mappings)).toBe('/mnt/c-movies/Heat (1995)');
    expect(mapped('C:/movies/ÉTÉ', mappings)).toBe('/mnt/c-movies/ÉTÉ');
  });

  it('maps UNC paths, case-insensitively on server and share', () => {
    expect(mapped('\\\\NAS\\Share\\TV\\The Bear (2022)', mappings)).toBe('/mnt/nas/TV/The Bear (2022)');
    expect(mapped('\\\\?\\UNC\\nas\\share\\X', mappings)).toBe('/mnt/nas/X');
    expect(mapped('\\\\?\\C:\\Movies\\X', mappings)).toBe('/mnt/c-movies/X');
  });

  it('does not match C:\\Movies2 with C:\\Movies, nor another drive', () => {
    expect(failure(mapArrPath('C:\\Movies2\\X', mappings))).toBe('C:\\Movies2\\X has no path mapping; add one for C:\\Movies2');
    expect(failure(mapArrPath('D:\\Movies\\X', mappings))).toBe('D:\\Movies\\X has no path mapping; add one for D:\\Movies');
  });

  it('explains a missing mapping for the Radarr test payload path', () => {
    const payload = arrFixture('radarr', 'webhook-test') as { movie: { folderPath: string } };
    expect(failure(mapArrPath(payload.movie.folderPath, []))).toBe('C:\\testpath has no path mapping; add one for C:\\testpath');
    expect(failure(mapArrPath('\\\\other\\media\\X', mappings))).toContain('add one for \\\\other\\media');
  });

  it('reports the style of a path', () => {
    expect(arrPathStyle('/movies/X')).toBe('posix');
    expect(arrPathStyle('C:\\X')).toBe('windows-drive');
    expect(arrPathStyle('\\\\nas\\share')).toBe('windows-unc');
    expect(arrPathStyle('movies/X')).toBeUndefined();
  });
});

describe('mapArrPath: bad input', () => {
  it.each([
    ['movies/X', /not an absolute path/],
    ['C:Movies\\X', /not an absolute path/],
    ['', /not an absolute path/],
    ['/movies/../etc', /'\.\.' segment/],
    ['C:\\Movies\\..\\Windows', /'\.\.' segment/],
    ['/movies/X\0', /NUL byte/],
    ['/movies/\uD800X', /unpaired surrogate/],
    ['\\\\nas', /UNC share/],
  ])('%j is refused', (path, expected) => {
    expect(failure(mapArrPath(path, []))).toMatch(expected);
  });

  it('refuses to use a mapping with a relative local prefix', () => {
    expect(failure(mapArrPath('/movies/X', [{ remotePrefix: '/movies', localPrefix: 'media' }]))).toMatch(/local prefix "media" is not an absolute path/);
    expect(pathMappingProblem({ remotePrefix: 'movies', localPrefix: '/m' })).toMatch(/remote prefix "movies" is not an absolute path/);
    expect(pathMappingProblem({ remotePrefix: 'C:\\Movies', localPrefix: '/m' })).toBeUndefined();
  });
});

describe('checkInsideRoots', () => {
  const roots = ['/mnt/media/movies', '/mnt/media/tv/'];

  it('accepts folders strictly inside a root', () => {
    expect(checkInsideRoots('/mnt/media/movies/Heat (1995)', roots)).toEqual({ ok: true, localPath: '/mnt/media/movies/Heat (1995)' });
    expect(checkInsideRoots('/mnt/media/tv/The Bear/', roots)).toEqual({ ok: true, localPath: '/mnt/media/tv/The Bear' });
  });

  it.each([
    ['/mnt/media/movies', /not inside any configured media root/],
    ['/mnt/media/movies2/X', /not inside any configured media root/],
    ['/etc/passwd', /not inside any configured media root/],
    ['/mnt/media/movies/../../etc', /'\.\.' segment/],
    ['mnt/media/movies/X', /not an absolute path/],
    ['/mnt/media/movies/X\0', /NUL byte/],
  ])('%j is refused', (path, expected) => {
    expect(failure(checkInsideRoots(path, roots))).toMatch(expected);
  });

  it('needs at least one valid root', () => {
    expect(failure(checkInsideRoots('/x/y', []))).toBe('no media roots are configured');
    expect(failure(checkInsideRoots('/x/y', ['relative']))).toMatch(/media root "relative" is not an absolute path/);
  });

  it('never accepts a path that resolves outside the roots (property)', () => {
    const segment = fc.constantFrom('movies', 'media', '..', '.', '', 'x', 'movies2', 'Ame\u0301lie');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const path = `/${segments.join('/')}`;
        const result = checkInsideRoots(path, ['/media/movies']);
        if (result.ok) {
          expect(result.localPath.startsWith('/media/movies/')).toBe(true);
          expect(result.localPath.split('/')).not.toContain('..');
        }
      }),
    );
  });
});

describe('toLocalPath', () => {
  const config = { mappings: [{ remotePrefix: 'C:\\Movies', localPrefix: '/mnt/movies' }], roots: ['/mnt/movies'] };

  it('maps then checks containment', () => {
    expect(toLocalPath('C:\\Movies\\Heat (1995)', config)).toEqual({ ok: true, localPath: '/mnt/movies/Heat (1995)', style: 'windows-drive' });
  });

  it('hints at the mapping when the mapped path lands outside every root', () => {
    expect(failure(toLocalPath('/movies/Heat', config))).toBe(
      '/movies/Heat maps to /movies/Heat is not inside any configured media root (/mnt/movies); check the path mapping for /movies',
    );
  });

  it('uses the Radarr download payload paths end to end', () => {
    const payload = arrFixture('radarr', 'webhook-download') as {
      movie: { folderPath: string };
      movieFile: { relativePath: string };
    };
    const folder = toLocalPath(payload.movie.folderPath, { mappings: [{ remotePrefix: '/movies', localPrefix: '/srv/movies' }], roots: ['/srv/movies'] });
    if (!folder.ok) throw new Error(folder.reason);
    const file = resolveInsideRoot(folder.localPath, payload.movieFile.relativePath, folder.style);
    if (!file.ok) throw new Error(file.reason);
    expect(file.localPath).toBe(`${folder.localPath}/${payload.movieFile.relativePath}`);
  });
});

describe('resolveInsideRoot', () => {
  it('joins a relative path inside the folder', () => {
    expect(resolveInsideRoot('/tv/The Bear', 'Season 01/The Bear S01E01.mkv')).toEqual({ ok: true, localPath: '/tv/The Bear/Season 01/The Bear S01E01.mkv' });
    expect(resolveInsideRoot('/tv/The Bear/', './Season 01//x.mkv')).toEqual({ ok: true, localPath: '/tv/The Bear/Season 01/x.mkv' });
  });

  it('splits on backslashes only for Windows Arrs', () => {
    expect(resolveInsideRoot('/tv/X', 'Season 01\\x.mkv', 'windows-drive')).toEqual({ ok: true, localPath: '/tv/X/Season 01/x.mkv' });
    expect(resolveInsideRoot('/tv/X', 'Season 01\\x.mkv')).toEqual({ ok: true, localPath: '/tv/X/Season 01\\x.mkv' });
  });

  it.each([
    ['/etc/passwd', /is absolute/],
    ['\\Windows\\x', /is absolute/],
    ['C:\\x', /is absolute/],
    ['../x', /'\.\.' segment/],
    ['Season 01/../../x', /'\.\.' segment/],
    ['a\\..\\..\\x', /'\.\.' segment/],
    ['', /is empty/],
    ['./', /is empty/],
    ['x\0.mkv', /NUL byte/],
  ])('%j is refused', (relative, expected) => {
    expect(failure(resolveInsideRoot('/tv/X', relative))).toMatch(expected);
  });

  it('refuses a relative root', () => {
    expect(failure(resolveInsideRoot('tv/X', 'x.mkv'))).toMatch(/folder "tv\/X" is not an absolute path/);
  });
});
