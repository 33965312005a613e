// Which sources each kind of slot asks, and the direct candidates per slot: Radarr's
// `youTubeTrailerId` is the whole movie's trailer and nothing else.
import { describe, expect, it } from 'vitest';
import { sourcesFor } from '../../src/sources/kind-sources.ts';
import { directCandidates } from '../../src/sources/source-choice.ts';

const TEMPLATE = 'https://www.youtube.com/watch?v={id}';

describe('which sources a slot asks', () => {
  it.each([
    [{ kind: 'trailer' as const }, ['user', 'radarr', 'tmdb', 'search']],
    [{ kind: 'trailer' as const, season: 2 }, ['user', 'tmdb', 'search']],
    [{ kind: 'teaser' as const }, ['user', 'tmdb', 'search']],
    [{ kind: 'featurette' as const }, ['user', 'tmdb', 'search']],
    [{ kind: 'behind-the-scenes' as const }, ['user', 'tmdb', 'search']],
    [{ kind: 'clip' as const }, ['user', 'tmdb', 'search']],
    [{ kind: 'interview' as const }, ['user', 'search']],
    [{ kind: 'theme-music' as const }, ['user', 'search']],
  ])('%j → %j', (wanted, sources) => {
    expect(sourcesFor(wanted)).toEqual(sources);
  });
});

describe('direct candidates per slot', () => {
  const movie = { kind: 'movie' as const, title: 'Dune', userSourceUrl: 'https://youtu.be/pastedLnk01', youTubeTrailerId: 'radarrDune1' };

  it("the trailer (the default) takes the pasted link and Radarr's id", () => {
    expect(directCandidates(movie, TEMPLATE).map((c) => c.source)).toEqual(['user', 'radarr']);
    expect(directCandidates(movie, TEMPLATE, { kind: 'trailer' }).map((c) => c.source)).toEqual(['user', 'radarr']);
  });

  it("another kind or a season takes the link pasted for that slot, never Radarr's trailer id", () => {
    for (const wanted of [{ kind: 'featurette' as const }, { kind: 'teaser' as const }, { kind: 'trailer' as const, season: 2 }]) {
      expect(directCandidates(movie, TEMPLATE, wanted).map((c) => c.videoId), JSON.stringify(wanted)).toEqual(['pastedLnk01']);
    }
  });
});
