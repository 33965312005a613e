import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeExtraFile } from '../../src/domain/extra-files.ts';
import { slotTarget } from '../../src/domain/slot-name.ts';
import { looksLikeTrailerFile, trailerTarget, type TrailerTargetInput } from '../../src/domain/trailer-name.ts';
import * as legacy from './support/legacy-trailer-target.ts';

// Existing installs must keep their trailer file names: the trailer kind of slotTarget (and
// trailerTarget, now a thin call into it) gives exactly the names the code before issue #19 gave.
// The one deliberate difference: a target whose partial path (20 bytes longer than the final
// path) would pass PATH_MAX is now refused up front instead of failing when the partial is written.

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

function viaSlot(input: TrailerTargetInput) {
  return slotTarget({
    kind: input.kind,
    mediaFolder: input.mediaFolder,
    movieFileRelativePath: input.movieFileRelativePath,
    extraKind: 'trailer',
    style: input.layout === 'trailers-folder' ? 'folder' : 'suffix',
    container: input.container,
    title: input.title,
    year: input.year,
  });
}

function expectSameAsLegacy(input: TrailerTargetInput): void {
  const before = legacy.trailerTarget(input);
  for (const now of [trailerTarget(input), viaSlot(input)]) {
    if (before.ok && bytes(before.target.partialPath) <= 4095) {
      expect(now).toEqual(before);
    } else if (before.ok) {
      expect(now).toEqual({ ok: false, reason: expect.stringMatching(/over the 4095-byte limit/) });
    } else if (/over the 4095-byte limit/.test(before.reason)) {
      expect(now).toEqual({ ok: false, reason: expect.stringMatching(/over the 4095-byte limit/) });
    } else {
      expect(now).toEqual(before);
    }
  }
}

const SAMPLES: TrailerTargetInput[] = [
  { kind: 'movie', mediaFolder: '/data/movies/The Matrix (1999)', movieFileRelativePath: 'The Matrix (1999) Bluray-1080p.mkv', container: 'mkv' },
  { kind: 'movie', mediaFolder: '/data/movies/Heat (1995)/', movieFileRelativePath: 'Disc 1/Heat.1995.mp4', container: 'mp4' },
  { kind: 'movie', mediaFolder: '/data/movies/Dune (2021)', container: 'webm', title: 'Dune', year: 2021 },
  { kind: 'movie', mediaFolder: '/', container: 'mkv', title: 'Heat', year: 1995 },
  { kind: 'movie', mediaFolder: '/', container: 'mkv' },
  { kind: 'movie', mediaFolder: '/m/Ame\u0301lie (2001)', movieFileRelativePath: 'Ame\u0301lie (2001).mkv', container: 'mkv', layout: 'trailers-folder', title: 'Ame\u0301lie', year: 2001 },
  { kind: 'movie', mediaFolder: '/m/MI', movieFileRelativePath: 'Mission.Impossible.1996.mkv', layout: 'trailers-folder', container: 'mkv', title: 'Mission: Impossible', year: 1996 },
  { kind: 'movie', mediaFolder: '/m/X', layout: 'trailers-folder', container: 'mkv', title: 'What/If? <A|B> "C"*\\D.' },
  { kind: 'movie', mediaFolder: '/m/X', movieFileRelativePath: 'Back\\slash.mkv', container: 'mkv' },
  { kind: 'movie', mediaFolder: '/m/X', movieFileRelativePath: `${'日本語'.repeat(40)}.mkv`, container: 'mkv' },
  { kind: 'movie', mediaFolder: `/data/movies/${'Ä'.repeat(127)}`, container: 'mkv' },
  { kind: 'movie', mediaFolder: 'movies/X', container: 'mkv' },
  { kind: 'movie', mediaFolder: '/m/../etc', container: 'mkv' },
  { kind: 'movie', mediaFolder: '/m/X', movieFileRelativePath: '../Y/y.mkv', container: 'mkv' },
  { kind: 'movie', mediaFolder: '/m/X', movieFileRelativePath: './', container: 'mkv' },
  { kind: 'movie', mediaFolder: `/${'d'.repeat(200)}`.repeat(21), movieFileRelativePath: 'x.mkv', container: 'mkv' },
  { kind: 'series', mediaFolder: '/data/tv/The Bear (2022)', container: 'mkv', title: 'The Bear', year: 2022 },
  { kind: 'series', mediaFolder: '/data/tv/The Bear (2022)', movieFileRelativePath: 'Season 01/E1.mkv', layout: 'trailers-folder', container: 'mkv' },
  { kind: 'series', mediaFolder: '/', layout: 'trailers-folder', container: 'mp4' },
  { kind: 'series', mediaFolder: '/', container: 'webm', title: 'Show' },
];

describe('the trailer kind keeps every name trailerTarget gave before issue #19', () => {
  it.each(SAMPLES.map((s) => [s]))('%j', (input) => expectSameAsLegacy(input));

  it('for arbitrary folders, files, titles and layouts (property)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 300 });
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom('movie' as const, 'series' as const),
          mediaFolder: fc.oneof(
            fc.constantFrom('/m/X', '/m/X/', '/', '/data/Ame\u0301lie', 'rel/x', '/a/../b', '/a\0b', `/${'z'.repeat(250)}`.repeat(16)),
            text.map((s) => `/media/${s}`),
          ),
          movieFileRelativePath: fc.option(fc.oneof(text, text.map((s) => `${s}/${s}.mkv`), fc.constantFrom('', '.', '/abs.mkv', '../x.mkv')), {
            nil: undefined,
          }),
          layout: fc.option(fc.constantFrom('beside' as const, 'trailers-folder' as const), { nil: undefined }),
          container: fc.constantFrom('mkv' as const, 'mp4' as const, 'webm' as const),
          title: fc.option(text, { nil: undefined }),
          year: fc.option(fc.integer({ min: -3, max: 3000 }), { nil: undefined }),
        }),
        (input) => expectSameAsLegacy(input),
      ),
      { numRuns: 1000 },
    );
  });
});

describe('looksLikeExtraFile(…, "trailer") is the old looksLikeTrailerFile', () => {
  it('for paths built from the pieces that matter (property)', () => {
    const piece = fc.constantFrom(
      'Trailers', 'trailers', 'Featurettes', 'Season 01', 'Heat', 'trailer', '-trailer', '.trailer', '_trailer', ' trailer',
      'Trailer', '-TRAILER', 's', '.', '..', '', '._', '.mkv', '.MP4', '.srt', '.nfo', '.jpg', '.webm', '/', '//', 'teaser', ' ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const path = pieces.join('');
        expect(looksLikeExtraFile(path, 'trailer')).toBe(legacy.looksLikeTrailerFile(path));
        expect(looksLikeTrailerFile(path)).toBe(legacy.looksLikeTrailerFile(path));
      }),
      { numRuns: 3000 },
    );
  });
});
