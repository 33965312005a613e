import { describe, expect, it } from 'vitest';
import { looksLikeExtraFile } from '../../src/domain/extra-files.ts';
import { EXTRA_KINDS, type ExtraKind } from '../../src/domain/extra-kinds.ts';

// What each server reads as each kind (extra-folders.ts lists the sources). `yes` must be
// recognised as the kind, `no` must not.
const TABLE: Record<ExtraKind, { yes: string[]; no: string[] }> = {
  trailer: {
    yes: ['Heat-trailer.mkv', 'Heat.trailer.avi', 'Heat_trailer.m4v', 'Official trailer.mov', 'trailer.mp4', 'Trailers/Teaser 2.mkv', 'Season 01/trailers/x.mkv', 'tvshow-trailer.mkv'],
    no: ['Heat.mkv', 'Heat-trailer.srt', 'Trailers/poster.jpg', 'Trailers/Sub/x.mkv', 'Heat-trailers.mkv', 'Trailer Park Boys S01E01.mkv', 'Featurettes/x.mkv'],
  },
  teaser: {
    yes: ['Heat (Teaser)-trailer.mkv', 'Heat-teaser-trailer.mp4', 'Trailers/Teaser.mkv', 'Trailers/Official Teaser #2.webm', 'Season 01/season01 (Teaser, de)-trailer.mkv'],
    no: ['Heat-trailer.mkv', 'Heat-teaser.mkv', 'Teasers/x.mkv', 'Trailers/Teasers and more.mkv', 'Trailers/teaserama.mkv', 'Heat (Teaser)-featurette.mkv'],
  },
  featurette: {
    yes: ['Heat-featurette.mkv', 'Heat (de)-FEATURETTE.mp4', 'Featurettes/Making Of.mkv', 'featurettes/x.webm', 'Season 02/Featurettes/x.mkv', 'tvshow-featurette.mkv'],
    no: ['Heat-featurettes.mkv', 'Featurette/x.mkv', 'Heat-featurette.nfo', 'Featurettes/x.jpg', 'Heat-featurette-trailer.mkv'],
  },
  'behind-the-scenes': {
    yes: ['Heat-behindthescenes.mkv', 'Behind The Scenes/x.mkv', 'behind the scenes/y.mp4'],
    no: ['Heat-behind-the-scenes.mkv', 'Behind-The-Scenes/x.mkv', 'Heat behindthescenes.mkv'],
  },
  clip: {
    yes: ['Heat-scene.mkv', 'Heat-clip.mkv', 'Scenes/Car chase.mkv', 'Clips/x.mp4', 'season01-scene.webm'],
    no: ['Heat-scenes.mkv', 'Deleted Scenes/x.mkv', 'Heat-deleted.mkv', 'Heat-deletedscene.mkv', 'Scene/x.mkv'],
  },
  interview: {
    yes: ['Heat-interview.mkv', 'Interviews/Al Pacino.mkv', 'Season 01/interviews/x.mkv'],
    no: ['Heat-interviews.mkv', 'Interview/x.mkv', 'Heat interview.mkv'],
  },
  'theme-music': {
    yes: ['theme.mp3', 'Theme.MP3', 'theme.flac', 'theme-music/Main Title.mp3', 'Theme-Music/x.ogg'],
    no: ['theme.mkv', 'theme', 'Season 01/theme.mp3', 'Disc 1/theme.mp3', 'theme-music/sub/x.mp3', 'theme-music/x.mkv', 'themes.mp3', 'Heat-theme.mp3', 'backdrops/theme.mp3'],
  },
};

describe('looksLikeExtraFile', () => {
  const rows = EXTRA_KINDS.flatMap((kind) => [
    ...TABLE[kind].yes.map((path) => [kind, path, true] as const),
    ...TABLE[kind].no.map((path) => [kind, path, false] as const),
  ]);
  it.each(rows)('%s: %s → %s', (kind, path, expected) => expect(looksLikeExtraFile(path, kind)).toBe(expected));

  it.each(EXTRA_KINDS.map((k) => [k]))('%s: hidden, partial, empty and odd paths never count', (kind) => {
    for (const path of ['', '/', '.', '..', '.theme.mp3', '._Heat-trailer.mkv', '.Heat-featurette.mkv.previewarr-partial', 'Trailers/.x.mkv', 'Trailers']) {
      expect([path, looksLikeExtraFile(path, kind)]).toEqual([path, false]);
    }
    expect(looksLikeExtraFile(42 as unknown as string, kind)).toBe(false);
  });

  it('reads leading, doubled and dot segments like the file system does', () => {
    expect(looksLikeExtraFile('/Featurettes//x.mkv', 'featurette')).toBe(true);
    expect(looksLikeExtraFile('./theme.mp3', 'theme-music')).toBe(true);
  });
});
