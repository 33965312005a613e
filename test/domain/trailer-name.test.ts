import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONTAINER_MUXER,
  isPartialName,
  looksLikeTrailerFile,
  partialNameFor,
  trailerFileName,
  trailerTarget,
  type TrailerTarget,
  type TrailerTargetInput,
} from '../../src/domain/trailer-name.ts';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

function target(input: TrailerTargetInput): TrailerTarget {
  const result = trailerTarget(input);
  if (!result.ok) throw new Error(`expected a target, got: ${result.reason}`);
  return result.target;
}

function reason(input: TrailerTargetInput): string {
  const result = trailerTarget(input);
  if (result.ok) throw new Error(`expected an error, got ${result.target.path}`);
  return result.reason;
}

describe('trailerTarget: movies beside the file (default)', () => {
  it('names the trailer after the movie file, beside it', () => {
    const t = target({
      kind: 'movie',
      mediaFolder: '/data/movies/The Matrix (1999)',
      movieFileRelativePath: 'The Matrix (1999) Bluray-1080p.mkv',
      container: 'mkv',
    });
    expect(t).toEqual({
      folder: '/data/movies/The Matrix (1999)',
      fileName: 'The Matrix (1999) Bluray-1080p-trailer.mkv',
      path: '/data/movies/The Matrix (1999)/The Matrix (1999) Bluray-1080p-trailer.mkv',
      partialFileName: '.The Matrix (1999) Bluray-1080p-trailer.mkv.previewarr-partial',
      partialPath: '/data/movies/The Matrix (1999)/.The Matrix (1999) Bluray-1080p-trailer.mkv.previewarr-partial',
    });
  });

  it('puts the trailer beside a file that sits in a sub-folder', () => {
    const t = target({
      kind: 'movie',
      mediaFolder: '/data/movies/Heat (1995)/',
      movieFileRelativePath: 'Disc 1/Heat.1995.mp4',
      container: 'mp4',
    });
    expect(t.folder).toBe('/data/movies/Heat (1995)/Disc 1');
    expect(t.path).toBe('/data/movies/Heat (1995)/Disc 1/Heat.1995-trailer.mp4');
  });

  it('uses the folder name when there is no movie file yet', () => {
    const t = target({ kind: 'movie', mediaFolder: '/data/movies/Dune (2021)', container: 'webm', title: 'Dune', year: 2021 });
    expect(t.path).toBe('/data/movies/Dune (2021)/Dune (2021)-trailer.webm');
    expect(target({ kind: 'movie', mediaFolder: '/m/X', movieFileRelativePath: '', container: 'mkv' }).fileName).toBe('X-trailer.mkv');
  });

  it('falls back to title and year when the folder has no name', () => {
    expect(target({ kind: 'movie', mediaFolder: '/', container: 'mkv', title: 'Heat', year: 1995 }).path).toBe('/Heat (1995)-trailer.mkv');
    expect(reason({ kind: 'movie', mediaFolder: '/', container: 'mkv' })).toMatch(/cannot name a trailer/);
  });

  it('keeps the Arr path byte-exact: NFD stays NFD, NFC stays NFC', () => {
    const nfdFolder = '/data/movies/Ame\u0301lie (2001)';
    const nfdFile = 'Ame\u0301lie (2001).mkv';
    const t = target({ kind: 'movie', mediaFolder: nfdFolder, movieFileRelativePath: nfdFile, container: 'mkv' });
    expect(t.path).toBe(`${nfdFolder}/Ame\u0301lie (2001)-trailer.mkv`);
    expect(t.path).not.toBe(t.path.normalize('NFC'));
    const nfc = target({ kind: 'movie', mediaFolder: '/m/Am\u00e9lie', container: 'mkv' });
    expect(nfc.path).toBe('/m/Am\u00e9lie/Am\u00e9lie-trailer.mkv');
  });

  it('takes the extension off the movie file only (dots inside the name stay)', () => {
    expect(target({ kind: 'movie', mediaFolder: '/m/A', movieFileRelativePath: 'A.B.C.2019.mkv', container: 'mkv' }).fileName).toBe('A.B.C.2019-trailer.mkv');
    expect(target({ kind: 'movie', mediaFolder: '/m/A', movieFileRelativePath: 'NoExtension', container: 'mkv' }).fileName).toBe('NoExtension-trailer.mkv');
  });
});

describe('trailerTarget: Trailers/ folder and series', () => {
  it('puts a movie trailer in Trailers/ named after the title', () => {
    const t = target({
      kind: 'movie',
      mediaFolder: '/data/movies/Mission Impossible (1996)',
      movieFileRelativePath: 'Mission.Impossible.1996.2160p.REMUX.mkv',
      layout: 'trailers-folder',
      container: 'mkv',
      title: 'Mission: Impossible',
      year: 1996,
    });
    expect(t.folder).toBe('/data/movies/Mission Impossible (1996)/Trailers');
    expect(t.fileName).toBe('Mission - Impossible (1996)-trailer.mkv');
  });

  it('strips characters Windows shares refuse from titles', () => {
    const t = target({ kind: 'movie', mediaFolder: '/m/X', layout: 'trailers-folder', container: 'mkv', title: 'What/If? <A|B> "C"*\\D.' });
    expect(t.fileName).toBe('What-If AB C-D-trailer.mkv');
  });

  it('uses the movie file name in Trailers/ when no title is known', () => {
    const t = target({ kind: 'movie', mediaFolder: '/m/X', movieFileRelativePath: 'X (2020).mkv', layout: 'trailers-folder', container: 'mp4' });
    expect(t.path).toBe('/m/X/Trailers/X (2020)-trailer.mp4');
  });

  it('puts a series trailer in the series folder as tvshow-trailer (Kodi name, -trailer for the rest)', () => {
    const t = target({ kind: 'series', mediaFolder: '/data/tv/The Bear (2022)', container: 'mkv', title: 'The Bear', year: 2022 });
    expect(t.path).toBe('/data/tv/The Bear (2022)/tvshow-trailer.mkv');
  });

  it('ignores an episode file for series and can use Trailers/', () => {
    const t = target({
      kind: 'series',
      mediaFolder: '/data/tv/The Bear (2022)',
      movieFileRelativePath: 'Season 01/The Bear S01E01.mkv',
      layout: 'trailers-folder',
      container: 'mkv',
    });
    expect(t.path).toBe('/data/tv/The Bear (2022)/Trailers/The Bear (2022)-trailer.mkv');
  });
});

describe('trailerTarget: bad input gets a reason, never a crash', () => {
  const base = { kind: 'movie', container: 'mkv' } as const;
  it.each([
    [{ ...base, mediaFolder: 'movies/X' }, /not an absolute path/],
    [{ ...base, mediaFolder: '/movies/../etc' }, /'\.\.' segment/],
    [{ ...base, mediaFolder: '/movies/X\0' }, /NUL/],
    [{ ...base, mediaFolder: '/m/X', movieFileRelativePath: '/etc/passwd' }, /absolute/],
    [{ ...base, mediaFolder: '/m/X', movieFileRelativePath: '../Y/y.mkv' }, /'\.\.' segment/],
    [{ ...base, mediaFolder: '/m/X', movieFileRelativePath: 'a\0.mkv' }, /NUL/],
    [{ ...base, mediaFolder: '/m/X', movieFileRelativePath: './' }, /no file name/],
  ])('%j', (input, expected) => {
    expect(reason(input)).toMatch(expected);
  });

  it('refuses a path longer than PATH_MAX', () => {
    const deep = `/${'d'.repeat(200)}`.repeat(21);
    expect(reason({ ...base, mediaFolder: deep, movieFileRelativePath: 'x.mkv' })).toMatch(/over the 4095-byte limit/);
  });

  it('replaces separators that come from file names', () => {
    const t = target({ ...base, mediaFolder: '/m/X', movieFileRelativePath: 'Back\\slash.mkv' });
    expect(t.fileName).toBe('Back_slash-trailer.mkv');
    expect(t.folder).toBe('/m/X');
  });
});

describe('255-byte component limit', () => {
  it('cuts a long multi-byte name on a UTF-8 boundary and keeps the suffix', () => {
    const stem = '日本語のとても長い映画のタイトル'.repeat(10); // 3 bytes per character
    const name = trailerFileName(stem, 'mkv');
    expect(bytes(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith('-trailer.mkv')).toBe(true);
    expect(name).not.toContain('\uFFFD');
    expect(stem.startsWith(name.slice(0, -'-trailer.mkv'.length))).toBe(true);
    // 255 - 12 = 243 bytes = 81 whole characters.
    expect(bytes(name)).toBe(255);
  });

  it('never splits an emoji (surrogate pair)', () => {
    const name = trailerFileName('🎬'.repeat(100), 'webm');
    expect(bytes(name)).toBeLessThanOrEqual(255);
    expect(name).not.toMatch(/\p{Cs}/u); // no lone surrogate
    expect(name).toBe(`${'🎬'.repeat(60)}-trailer.webm`);
  });

  it('keeps both the final and the partial name within 255 bytes for any stem (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.constantFrom('mkv', 'mp4', 'webm' as const), (stem, ext) => {
        const name = trailerFileName(stem, ext);
        const partial = partialNameFor(name);
        expect(bytes(name)).toBeLessThanOrEqual(255);
        expect(bytes(partial)).toBeLessThanOrEqual(255);
        expect(name.endsWith(`-trailer.${ext}`)).toBe(true);
        expect(name).not.toMatch(/[/\\\0]/);
        expect(isPartialName(partial)).toBe(true);
        expect(isPartialName(name)).toBe(false);
      }),
    );
  });

  it('builds a full target whose every component fits', () => {
    const longFolder = `/data/movies/${'Ä'.repeat(127)}`; // 254 bytes
    const t = target({ kind: 'movie', mediaFolder: longFolder, container: 'mkv' });
    for (const component of [t.fileName, t.partialFileName]) expect(bytes(component)).toBeLessThanOrEqual(255);
    expect(t.fileName.endsWith('-trailer.mkv')).toBe(true);
  });
});

describe('partial names', () => {
  it('hides the partial file and marks it as ours', () => {
    expect(partialNameFor('Heat (1995)-trailer.mkv')).toBe('.Heat (1995)-trailer.mkv.previewarr-partial');
    expect(isPartialName('.Heat (1995)-trailer.mkv.previewarr-partial')).toBe(true);
  });

  it.each(['Heat-trailer.mkv', '.previewarr-partial', '..previewarr-partial', 'x.previewarr-partial', '.hidden.mkv', 'a/.b.previewarr-partial'])(
    'does not take %s for a partial',
    (name) => expect(isPartialName(name)).toBe(false),
  );

  it('maps every container to the ffmpeg muxer (the partial extension names none)', () => {
    expect(CONTAINER_MUXER).toEqual({ mkv: 'matroska', mp4: 'mp4', webm: 'webm' });
  });
});

describe('looksLikeTrailerFile', () => {
  it.each([
    'Heat (1995)-trailer.mkv',
    'Heat (1995)-TRAILER.MP4',
    'trailer.mp4',
    'Trailer.webm',
    'tvshow-trailer.mkv',
    'Heat.trailer.avi',
    'Heat_trailer.m4v',
    'Official Trailer.mov',
    'Trailers/Official Trailer #1.mkv',
    'trailers/anything.mp4',
    'Disc 1/Heat-trailer.mkv',
    'Season 01/trailers/S1 teaser.mkv',
  ])('%s is a trailer', (path) => expect(looksLikeTrailerFile(path)).toBe(true));

  it.each([
    'Heat (1995).mkv',
    'Heat (1995)-trailer.srt',
    'Heat (1995)-trailer.nfo',
    'Trailers/poster.jpg',
    'Trailers',
    'trailer',
    '.Heat-trailer.mkv.previewarr-partial',
    '._Heat-trailer.mkv',
    'Trailer Park Boys S01E01.mkv',
    'Featurettes/Making of.mkv',
    'Heat-trailers.mkv',
    'Trailers/Sub/x.mkv',
    '',
  ])('%s is not a trailer', (path) => expect(looksLikeTrailerFile(path)).toBe(false));
});
