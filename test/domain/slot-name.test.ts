import { describe, expect, it } from 'vitest';
import { EXTRA_KINDS, type ExtraKind } from '../../src/domain/extra-kinds.ts';
import { looksLikeExtraFile } from '../../src/domain/extra-files.ts';
import { SLOT_CONTAINER_MUXER, slotTarget, type NamingStyle, type SlotTarget, type SlotTargetInput } from '../../src/domain/slot-name.ts';
import { CONTAINER_MUXER, namingStyleFor } from '../../src/domain/trailer-name.ts';

function target(input: SlotTargetInput): SlotTarget {
  const result = slotTarget(input);
  if (!result.ok) throw new Error(`expected a target, got: ${result.reason}`);
  return result.target;
}

const containerFor = (kind: ExtraKind): 'mp3' | 'mkv' => (kind === 'theme-music' ? 'mp3' : 'mkv');

const MOVIE = { kind: 'movie', mediaFolder: '/data/movies/Heat (1995)', movieFileRelativePath: 'Heat.1995.1080p.mkv', title: 'Heat', year: 1995 } as const;
const SERIES = { kind: 'series', mediaFolder: '/data/tv/The Bear (2022)', title: 'The Bear', year: 2022 } as const;

function relative(base: { mediaFolder: string }, t: SlotTarget): string {
  expect(t.path.startsWith(`${base.mediaFolder}/`)).toBe(true);
  return t.path.slice(base.mediaFolder.length + 1);
}

// One row per server rule: where each kind goes for a movie, a series and a season, in each style.
const MOVIE_NAMES: Record<NamingStyle, Record<ExtraKind, string>> = {
  suffix: {
    trailer: 'Heat.1995.1080p-trailer.mkv', // Kodi's exact name (and Plex/Jellyfin/Emby)
    teaser: 'Heat.1995.1080p (Teaser)-trailer.mkv',
    featurette: 'Heat.1995.1080p-featurette.mkv',
    'behind-the-scenes': 'Heat.1995.1080p-behindthescenes.mkv',
    clip: 'Heat.1995.1080p-scene.mkv',
    interview: 'Heat.1995.1080p-interview.mkv',
    'theme-music': 'theme.mp3',
  },
  folder: {
    trailer: 'Trailers/Heat (1995)-trailer.mkv',
    teaser: 'Trailers/Heat (1995) (Teaser)-trailer.mkv',
    featurette: 'Featurettes/Heat (1995)-featurette.mkv',
    'behind-the-scenes': 'Behind The Scenes/Heat (1995)-behindthescenes.mkv',
    clip: 'Scenes/Heat (1995)-scene.mkv',
    interview: 'Interviews/Heat (1995)-interview.mkv',
    'theme-music': 'theme.mp3',
  },
};

const SERIES_NAMES: Record<NamingStyle, Record<ExtraKind, string>> = {
  suffix: {
    trailer: 'tvshow-trailer.mkv',
    teaser: 'tvshow (Teaser)-trailer.mkv',
    featurette: 'tvshow-featurette.mkv',
    'behind-the-scenes': 'tvshow-behindthescenes.mkv',
    clip: 'tvshow-scene.mkv',
    interview: 'tvshow-interview.mkv',
    'theme-music': 'theme.mp3',
  },
  folder: {
    trailer: 'Trailers/The Bear (2022)-trailer.mkv',
    teaser: 'Trailers/The Bear (2022) (Teaser)-trailer.mkv',
    featurette: 'Featurettes/The Bear (2022)-featurette.mkv',
    'behind-the-scenes': 'Behind The Scenes/The Bear (2022)-behindthescenes.mkv',
    clip: 'Scenes/The Bear (2022)-scene.mkv',
    interview: 'Interviews/The Bear (2022)-interview.mkv',
    'theme-music': 'theme.mp3',
  },
};

type VideoKind = Exclude<ExtraKind, 'theme-music'>;
const SEASON_NAMES: Record<NamingStyle, Record<VideoKind, string>> = {
  suffix: {
    trailer: 'Season 01/season01-trailer.mkv',
    teaser: 'Season 01/season01 (Teaser)-trailer.mkv',
    featurette: 'Season 01/season01-featurette.mkv',
    'behind-the-scenes': 'Season 01/season01-behindthescenes.mkv',
    clip: 'Season 01/season01-scene.mkv',
    interview: 'Season 01/season01-interview.mkv',
  },
  folder: {
    trailer: 'Season 01/Trailers/The Bear (2022) Season 1-trailer.mkv',
    teaser: 'Season 01/Trailers/The Bear (2022) Season 1 (Teaser)-trailer.mkv',
    featurette: 'Season 01/Featurettes/The Bear (2022) Season 1-featurette.mkv',
    'behind-the-scenes': 'Season 01/Behind The Scenes/The Bear (2022) Season 1-behindthescenes.mkv',
    clip: 'Season 01/Scenes/The Bear (2022) Season 1-scene.mkv',
    interview: 'Season 01/Interviews/The Bear (2022) Season 1-interview.mkv',
  },
};

const STYLES: readonly NamingStyle[] = ['suffix', 'folder'];
const VIDEO_KINDS = EXTRA_KINDS.filter((k): k is VideoKind => k !== 'theme-music');
const cases = <T,>(table: Record<NamingStyle, Record<string, T>>) =>
  STYLES.flatMap((style) => Object.entries(table[style]).map(([kind, expected]) => [style, kind as ExtraKind, expected] as const));

describe('slotTarget: every kind × style for a movie', () => {
  it.each(cases(MOVIE_NAMES))('%s style, %s → %s', (style, extraKind, expected) => {
    const t = target({ ...MOVIE, extraKind, style, container: containerFor(extraKind) });
    expect(relative(MOVIE, t)).toBe(expected);
    expect(t.folder).toBe(`${MOVIE.mediaFolder}/${expected}`.replace(/\/[^/]+$/, ''));
    expect(t.fileName).toBe(expected.split('/').at(-1));
    expect(t.partialFileName).toBe(`.${t.fileName}.previewarr-partial`);
    expect(t.partialPath).toBe(`${t.folder}/${t.partialFileName}`);
  });

  it('keeps a movie file in a sub-folder: extras beside it, theme music at the top of the movie folder', () => {
    const base = { ...MOVIE, movieFileRelativePath: 'Disc 1/Heat.mkv' };
    expect(relative(MOVIE, target({ ...base, extraKind: 'featurette', style: 'suffix', container: 'mp4' }))).toBe('Disc 1/Heat-featurette.mp4');
    expect(relative(MOVIE, target({ ...base, extraKind: 'interview', style: 'folder', container: 'webm' }))).toBe('Disc 1/Interviews/Heat (1995)-interview.webm');
    expect(relative(MOVIE, target({ ...base, extraKind: 'theme-music', style: 'suffix', container: 'mp3' }))).toBe('theme.mp3');
  });

  it('names extras after the folder (else the title) before the movie has a file', () => {
    const base = { kind: 'movie', mediaFolder: '/m/Dune (2021)', title: 'Dune', year: 2021 } as const;
    expect(target({ ...base, extraKind: 'featurette', style: 'suffix', container: 'mkv' }).path).toBe('/m/Dune (2021)/Dune (2021)-featurette.mkv');
    expect(target({ ...base, mediaFolder: '/', extraKind: 'clip', style: 'suffix', container: 'mkv' }).path).toBe('/Dune (2021)-scene.mkv');
    expect(slotTarget({ kind: 'movie', mediaFolder: '/', extraKind: 'interview', style: 'suffix', container: 'mkv' })).toEqual({
      ok: false,
      reason: 'cannot name an interview for /: no file, folder name or title',
    });
  });
});

describe('slotTarget: series and seasons', () => {
  it.each(cases(SERIES_NAMES))('series, %s style, %s → %s', (style, extraKind, expected) => {
    expect(relative(SERIES, target({ ...SERIES, extraKind, style, container: containerFor(extraKind) }))).toBe(expected);
  });

  it.each(cases(SEASON_NAMES))('season 1, %s style, %s → %s', (style, extraKind, expected) => {
    expect(relative(SERIES, target({ ...SERIES, season: 1, extraKind, style, container: 'mkv' }))).toBe(expected);
  });

  it('uses the real season folder when given, and Specials for season 0', () => {
    const real = target({ ...SERIES, season: 2, seasonFolderName: 'season 2', extraKind: 'trailer', style: 'suffix', container: 'mp4' });
    expect(relative(SERIES, real)).toBe('season 2/season02-trailer.mp4');
    const specials = target({ ...SERIES, season: 0, extraKind: 'featurette', style: 'suffix', container: 'mkv' });
    expect(relative(SERIES, specials)).toBe('Specials/season-specials-featurette.mkv');
    const specialsFolder = target({ ...SERIES, season: 0, seasonFolderName: 'Season 00', extraKind: 'trailer', style: 'folder', container: 'mkv' });
    expect(relative(SERIES, specialsFolder)).toBe('Season 00/Trailers/The Bear (2022) Specials-trailer.mkv');
    expect(relative(SERIES, target({ ...SERIES, season: 123, extraKind: 'clip', style: 'suffix', container: 'mkv' }))).toBe('Season 123/season123-scene.mkv');
  });

  it('names series extras in folder style after the folder when no title is known', () => {
    const t = target({ kind: 'series', mediaFolder: '/tv/Show', season: 3, extraKind: 'featurette', style: 'folder', container: 'mkv' });
    expect(t.path).toBe('/tv/Show/Season 03/Featurettes/Show Season 3-featurette.mkv');
  });

  it('ignores an episode file for a series', () => {
    const t = target({ ...SERIES, movieFileRelativePath: 'Season 01/The Bear S01E01.mkv', extraKind: 'trailer', style: 'suffix', container: 'mkv' });
    expect(relative(SERIES, t)).toBe('tvshow-trailer.mkv');
  });
});

describe('slotTarget: variants (a second profile of the same kind)', () => {
  const variantCases: [ExtraKind, NamingStyle, string][] = [
    ['trailer', 'suffix', 'Heat.1995.1080p (de)-trailer.mkv'],
    ['trailer', 'folder', 'Trailers/Heat (1995) (de)-trailer.mkv'],
    ['teaser', 'suffix', 'Heat.1995.1080p (Teaser, de)-trailer.mkv'],
    ['teaser', 'folder', 'Trailers/Heat (1995) (Teaser, de)-trailer.mkv'],
    ['featurette', 'suffix', 'Heat.1995.1080p (de)-featurette.mkv'],
    ['clip', 'folder', 'Scenes/Heat (1995) (de)-scene.mkv'],
    ['theme-music', 'suffix', 'theme-music/theme (de).mp3'],
    ['theme-music', 'folder', 'theme-music/theme (de).mp3'],
  ];
  it.each(variantCases)('%s, %s style → %s', (extraKind, style, expected) => {
    expect(relative(MOVIE, target({ ...MOVIE, extraKind, style, container: containerFor(extraKind), variant: 'de' }))).toBe(expected);
  });

  it("never gives a second trailer Kodi's name, yet it still reads as a trailer", () => {
    const first = target({ ...MOVIE, extraKind: 'trailer', style: 'suffix', container: 'mkv' });
    const second = target({ ...MOVIE, extraKind: 'trailer', style: 'suffix', container: 'mkv', variant: 'Deutsch' });
    expect(first.fileName).toBe('Heat.1995.1080p-trailer.mkv');
    expect(second.fileName).toBe('Heat.1995.1080p (Deutsch)-trailer.mkv');
    expect(looksLikeExtraFile(second.fileName, 'trailer')).toBe(true);
  });

  it('places season variants in the season folder', () => {
    const t = target({ ...SERIES, season: 1, extraKind: 'trailer', style: 'suffix', container: 'mkv', variant: 'fr' });
    expect(relative(SERIES, t)).toBe('Season 01/season01 (fr)-trailer.mkv');
  });

  it('gives every kind and variant of one item its own file and its own partial file', () => {
    for (const base of [MOVIE, SERIES, { ...SERIES, season: 4 }]) {
      for (const style of STYLES) {
        const paths = new Set<string>();
        const partials = new Set<string>();
        for (const extraKind of EXTRA_KINDS) {
          if ('season' in base && extraKind === 'theme-music') continue;
          for (const variant of [undefined, 'de', 'fr']) {
            const t = target({ ...base, extraKind, style, container: containerFor(extraKind), variant });
            paths.add(t.path);
            partials.add(t.partialPath);
          }
        }
        const expected = 'season' in base ? 18 : 21;
        expect(paths.size).toBe(expected);
        expect(partials.size).toBe(expected);
      }
    }
  });
});

describe('slotTarget names read back as the kind they were made for', () => {
  const bases = [MOVIE, SERIES, { ...SERIES, season: 1 }, { ...SERIES, season: 0 }];
  it.each(EXTRA_KINDS.map((k) => [k]))('%s', (extraKind) => {
    for (const base of bases) {
      if ('season' in base && extraKind === 'theme-music') continue;
      for (const style of STYLES) {
        for (const variant of [undefined, 'de']) {
          const t = target({ ...base, extraKind, style, container: containerFor(extraKind), variant });
          const rel = relative(base, t);
          for (const other of EXTRA_KINDS) {
            // A teaser is a trailer to every server; every other kind reads as itself only.
            const expected = other === extraKind || (extraKind === 'teaser' && other === 'trailer');
            expect([rel, other, looksLikeExtraFile(rel, other)]).toEqual([rel, other, expected]);
          }
        }
      }
    }
  });

  it('does not read a trailer as a teaser', () => {
    expect(VIDEO_KINDS).toContain('teaser');
    const t = target({ ...MOVIE, extraKind: 'trailer', style: 'folder', container: 'mkv' });
    expect(looksLikeExtraFile(relative(MOVIE, t), 'teaser')).toBe(false);
  });
});

describe('settings and containers', () => {
  it("maps today's trailerLayout setting to a naming style", () => {
    expect(namingStyleFor('beside')).toBe('suffix');
    expect(namingStyleFor(undefined)).toBe('suffix');
    expect(namingStyleFor('trailers-folder')).toBe('folder');
  });

  it('names the ffmpeg muxer for every container, the video ones as before', () => {
    expect(SLOT_CONTAINER_MUXER).toEqual({ mkv: 'matroska', mp4: 'mp4', webm: 'webm', mp3: 'mp3' });
    expect(CONTAINER_MUXER).toEqual({ mkv: 'matroska', mp4: 'mp4', webm: 'webm' });
  });
});
