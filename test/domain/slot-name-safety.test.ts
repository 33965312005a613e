import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXTRA_KINDS, type ExtraKind } from '../../src/domain/extra-kinds.ts';
import { isPartialName } from '../../src/domain/name-parts.ts';
import { slotTarget, type SlotTarget, type SlotTargetInput } from '../../src/domain/slot-name.ts';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const containerFor = (kind: ExtraKind): 'mp3' | 'mkv' => (kind === 'theme-music' ? 'mp3' : 'mkv');

function target(input: SlotTargetInput): SlotTarget {
  const result = slotTarget(input);
  if (!result.ok) throw new Error(`expected a target, got: ${result.reason}`);
  return result.target;
}

function reason(input: SlotTargetInput): string {
  const result = slotTarget(input);
  if (result.ok) throw new Error(`expected a refusal, got ${result.target.path}`);
  return result.reason;
}

const MOVIE = { kind: 'movie', mediaFolder: '/m/Heat (1995)', movieFileRelativePath: 'Heat.mkv', title: 'Heat', year: 1995 } as const;
const SERIES = { kind: 'series', mediaFolder: '/tv/The Bear (2022)', title: 'The Bear', year: 2022 } as const;

describe('slotTarget refuses a mismatched container', () => {
  it.each([
    [{ ...MOVIE, extraKind: 'theme-music', style: 'suffix', container: 'mkv' }, /theme music is saved as mp3, not "mkv"/],
    [{ ...SERIES, extraKind: 'theme-music', style: 'folder', container: 'webm' }, /theme music is saved as mp3/],
    [{ ...MOVIE, extraKind: 'trailer', style: 'suffix', container: 'mp3' }, /a trailer is a video \(mkv, mp4 or webm\), not "mp3"/],
    [{ ...SERIES, extraKind: 'interview', style: 'folder', container: 'mp3' }, /an interview is a video/],
    [{ ...MOVIE, extraKind: 'featurette', style: 'suffix', container: 'avi' as 'mkv' }, /not "avi"/],
  ] as const)('%j', (input, expected) => expect(reason(input)).toMatch(expected));
});

describe('slotTarget refuses what it cannot place', () => {
  const video = { extraKind: 'trailer', style: 'suffix', container: 'mkv' } as const;
  it.each([
    [{ ...MOVIE, ...video, season: 1 }, /a movie has no seasons/],
    [{ ...SERIES, ...video, season: -1 }, /season -1 is not a whole number/],
    [{ ...SERIES, ...video, season: 1.5 }, /season 1.5 is not a whole number/],
    [{ ...SERIES, ...video, season: 10000 }, /not a whole number from 0 to 9999/],
    [{ ...SERIES, ...video, season: Number.NaN }, /season NaN is not a whole number/],
    [{ ...SERIES, extraKind: 'theme-music', style: 'suffix', container: 'mp3', season: 1 }, /no server plays it from a season folder/],
    [{ ...SERIES, ...video, seasonFolderName: 'Season 01' }, /season folder name was given without a season/],
    [{ ...SERIES, ...video, season: 1, seasonFolderName: '..' }, /is not a folder name/],
    [{ ...SERIES, ...video, season: 1, seasonFolderName: '' }, /is not a folder name/],
    [{ ...SERIES, ...video, season: 1, seasonFolderName: '../../etc' }, /path separator/],
    [{ ...SERIES, ...video, season: 1, seasonFolderName: 'Season 1/Trailers' }, /path separator/],
    [{ ...SERIES, ...video, season: 1, seasonFolderName: 'Season\0 1' }, /NUL/],
    [{ ...SERIES, ...video, season: 1, seasonFolderName: 'S'.repeat(256) }, /over 255 bytes/],
    [{ ...MOVIE, ...video, mediaFolder: 'movies/Heat' }, /not an absolute path/],
    [{ ...MOVIE, ...video, mediaFolder: '/movies/../etc' }, /'\.\.' segment/],
    [{ ...MOVIE, ...video, mediaFolder: '/movies/Heat\0' }, /NUL/],
    [{ ...MOVIE, ...video, movieFileRelativePath: '/etc/passwd' }, /is absolute/],
    [{ ...MOVIE, ...video, movieFileRelativePath: '../Other/x.mkv' }, /'\.\.' segment/],
    [{ ...MOVIE, ...video, movieFileRelativePath: 'Heat\0.mkv' }, /NUL/],
    [{ ...MOVIE, ...video, movieFileRelativePath: './' }, /no file name/],
    [{ ...MOVIE, ...video, variant: '..' }, /variant "\.\." has nothing usable/],
    [{ ...MOVIE, ...video, variant: '' }, /has nothing usable/],
    [{ ...MOVIE, ...video, variant: ' \t ' }, /has nothing usable/],
    [{ ...MOVIE, ...video, variant: '()' }, /has nothing usable/],
    [{ ...MOVIE, ...video, variant: 'x'.repeat(65) }, /is over 64 bytes/],
    [{ ...MOVIE, ...video, variant: 'ä'.repeat(33) }, /is over 64 bytes/],
    [{ ...MOVIE, ...video, extraKind: 'sample' as ExtraKind }, /unknown extra kind "sample"/],
    [{ ...MOVIE, ...video, style: 'beside' as 'suffix' }, /unknown naming style "beside"/],
    [{ ...MOVIE, ...video, kind: 'episode' as 'movie' }, /unknown media kind "episode"/],
    [{ ...MOVIE, ...video, title: 42 as unknown as string }, /title is not text/],
    [{ ...MOVIE, ...video, movieFileRelativePath: ['a.mkv'] as unknown as string }, /movieFileRelativePath is not text/],
    [{ ...MOVIE, ...video, variant: { toString: () => 'de' } as unknown as string }, /variant is not text/],
    [{ ...MOVIE, ...video, variant: 'y'.repeat(100_000) }, /^variant "y{80}…" is over 64 bytes$/],
  ] as const)('%j', (input, expected) => expect(reason(input as SlotTargetInput)).toMatch(expected));

  it('refuses the bad movie file path for every video kind, and ignores it for theme music (that goes to the top)', () => {
    for (const extraKind of EXTRA_KINDS) {
      const input = { ...MOVIE, extraKind, style: 'folder', container: containerFor(extraKind), movieFileRelativePath: '../../etc/x.mkv' } as const;
      if (extraKind === 'theme-music') expect(target(input).path).toBe('/m/Heat (1995)/theme.mp3');
      else expect(reason(input)).toMatch(/'\.\.' segment/);
    }
  });

  it('refuses a path (or its partial path) longer than PATH_MAX for every kind', () => {
    const deep = `${`/${'d'.repeat(200)}`.repeat(20)}/${'d'.repeat(29)}`; // 4050 bytes
    for (const extraKind of EXTRA_KINDS) {
      for (const style of ['suffix', 'folder'] as const) {
        const input = { ...MOVIE, mediaFolder: deep, extraKind, style, container: containerFor(extraKind), variant: 'a much longer label' };
        expect(reason(input)).toMatch(/over the 4095-byte limit/);
      }
    }
    // The final path fits but the partial path (20 bytes longer) would not: refused up front.
    const edge = `/${'e'.repeat(4095 - 'Heat-trailer.mkv'.length - 2)}`;
    expect(bytes(`${edge}/Heat-trailer.mkv`)).toBe(4095);
    expect(reason({ ...MOVIE, mediaFolder: edge, extraKind: 'trailer', style: 'suffix', container: 'mkv' })).toMatch(/would be 4115 bytes/);
  });
});

describe('slotTarget cleans titles and variants, keeps real names byte-exact', () => {
  it('cleans a hostile variant into a plain label', () => {
    const name = (variant: string) => target({ ...MOVIE, extraKind: 'trailer', style: 'suffix', container: 'mkv', variant }).fileName;
    expect(name('de')).toBe('Heat (de)-trailer.mkv');
    expect(name('Deutsch: Kino')).toBe('Heat (Deutsch - Kino)-trailer.mkv');
    expect(name('../../etc/passwd')).toBe('Heat (..-..-etc-passwd)-trailer.mkv');
    expect(name('a\0b\u0007c')).toBe('Heat (abc)-trailer.mkv');
    expect(name('(fr) [IMAX]')).toBe('Heat (fr IMAX)-trailer.mkv');
    expect(name('\u202Egnp.exe')).toBe('Heat (gnp.exe)-trailer.mkv');
    expect(name('   x   y...  ')).toBe('Heat (x y)-trailer.mkv');
    expect(name('ä'.repeat(32))).toBe(`Heat (${'ä'.repeat(32)})-trailer.mkv`);
  });

  it('keeps NFD as NFD in folders, movie file names, titles and variants', () => {
    const nfd = 'Ame\u0301lie';
    const t = target({
      kind: 'movie',
      mediaFolder: `/m/${nfd} (2001)`,
      movieFileRelativePath: `${nfd}.mkv`,
      extraKind: 'featurette',
      style: 'suffix',
      container: 'mkv',
      variant: `Fran\u0301cais`,
    });
    expect(t.path).toBe(`/m/${nfd} (2001)/${nfd} (Fran\u0301cais)-featurette.mkv`);
    expect(t.path).not.toBe(t.path.normalize('NFC'));
    const folder = target({ ...SERIES, title: nfd, season: 1, seasonFolderName: `Saison\u0301 1`, extraKind: 'clip', style: 'folder', container: 'mkv' });
    expect(folder.path).toBe(`/tv/The Bear (2022)/Saison\u0301 1/Scenes/${nfd} (2022) Season 1-scene.mkv`);
  });

  it('cleans a hostile title in folder style', () => {
    const t = target({ ...MOVIE, title: 'What/If? <A|B> "C"*\\D.\0', extraKind: 'interview', style: 'folder', container: 'mp4' });
    expect(t.fileName).toBe('What-If AB C-D (1995)-interview.mp4');
  });

  it('cuts a 300-byte name in the stem, never in the label or suffix, and fits the partial name whole', () => {
    const stem = 'Ö'.repeat(150); // 300 bytes
    const base = { kind: 'movie', mediaFolder: '/m/X', movieFileRelativePath: `${stem}.mkv` } as const;
    const legacy = target({ ...base, extraKind: 'trailer', style: 'suffix', container: 'mkv' });
    expect(legacy.fileName).toBe(`${'Ö'.repeat(121)}-trailer.mkv`); // 255 bytes: today's name
    for (const extraKind of EXTRA_KINDS.filter((k) => k !== 'theme-music')) {
      const t = target({ ...base, extraKind, style: 'suffix', container: 'webm', variant: 'x'.repeat(64) });
      expect(bytes(t.fileName)).toBeLessThanOrEqual(235);
      expect(t.fileName).toMatch(/^Ö+ \((Teaser, )?x{64}\)-[a-z]+\.webm$/);
      expect(t.partialFileName).toBe(`.${t.fileName}.previewarr-partial`);
      expect(bytes(t.partialFileName)).toBeLessThanOrEqual(255);
    }
  });
});

describe('slotTarget: every name it builds is safe (property)', () => {
  const kinds = fc.constantFrom(...EXTRA_KINDS);
  const text = fc.string({ unit: 'grapheme', maxLength: 300 });
  const input = fc.record({
    kind: fc.constantFrom('movie' as const, 'series' as const),
    mediaFolder: fc.constantFrom('/m/X', '/data/movies/Ame\u0301lie (2001)/', `/${'日'.repeat(80)}`, '/'),
    movieFileRelativePath: fc.option(fc.oneof(text, text.map((s) => `${s}/${s}.mkv`)), { nil: undefined }),
    extraKind: kinds,
    season: fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }),
    seasonFolderName: fc.option(text, { nil: undefined }),
    style: fc.constantFrom('suffix' as const, 'folder' as const),
    title: fc.option(text, { nil: undefined }),
    year: fc.option(fc.integer({ min: -5, max: 3000 }), { nil: undefined }),
    variant: fc.option(text, { nil: undefined }),
  });

  it('keeps every component within 255 bytes, inside the media folder, with a partial name of its own', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const seasonal = raw.kind === 'series' && raw.season !== undefined && raw.extraKind !== 'theme-music';
        const probe = {
          ...raw,
          season: seasonal ? raw.season : undefined,
          seasonFolderName: seasonal ? raw.seasonFolderName : undefined,
          container: containerFor(raw.extraKind),
        } satisfies SlotTargetInput;
        const result = slotTarget(probe);
        if (!result.ok) {
          expect(result.reason.length).toBeGreaterThan(0);
          return;
        }
        const t = result.target;
        const root = probe.mediaFolder.replace(/(.)\/$/, '$1');
        expect(t.path.startsWith(root === '/' ? '/' : `${root}/`)).toBe(true);
        for (const component of t.path.split('/')) {
          expect(bytes(component)).toBeLessThanOrEqual(255);
          expect(component === '..' || component.includes('\0')).toBe(false);
        }
        expect(bytes(t.partialFileName)).toBeLessThanOrEqual(255);
        expect(isPartialName(t.partialFileName)).toBe(true);
        expect(isPartialName(t.fileName)).toBe(false);
        expect(t.fileName).not.toMatch(/[/\\\0]/);
        expect(t.path).toBe(`${t.folder}/${t.fileName}`.replace(/^\/\//, '/'));
        expect(t.fileName.endsWith(`.${probe.container}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
