// The ranking rules per kind of video: each rule shown by what rankCandidates does with a few
// search results, and by the reason it records.
import { describe, expect, it } from 'vitest';
import { rankCandidates, type RankedCandidate, type RankingPreferences, type WantedItem } from '../../src/domain/candidate-ranking.ts';
import { EXTRA_KINDS } from '../../src/domain/extra-kinds.ts';
import { durationBounds, THEME_MUSIC_MAX_SECONDS, THEME_MUSIC_MIN_SECONDS } from '../../src/domain/kind-rules.ts';
import { describeWanted, wantedSchema, type Wanted } from '../../src/domain/wanted-video.ts';
import type { YtDlpSearchEntry } from '../../src/domain/ytdlp-search-entry.ts';

const english: RankingPreferences = { preferredLanguages: ['en'], excludeKeywords: [] };
const dune: WantedItem = { title: 'Dune', year: 2021, kind: 'movie' };
const bear: WantedItem = { title: 'The Bear', year: 2022, kind: 'series' };

let counter = 0;
function entry(title: string, duration = 150, extra: Partial<YtDlpSearchEntry> = {}): YtDlpSearchEntry {
  counter += 1;
  return { id: `kindVid${String(counter).padStart(4, '0')}`, title, channel: 'Warner Bros. Pictures', duration, view_count: 1000, ...extra };
}

function rank(item: WantedItem, wanted: Wanted, entries: YtDlpSearchEntry[], preferences = english): RankedCandidate[] {
  return rankCandidates(entries, item, preferences, wanted);
}

function of(ranked: readonly RankedCandidate[], title: string): RankedCandidate {
  const found = ranked.find((c) => c.title === title);
  if (!found) throw new Error(`no candidate titled ${title}`);
  return found;
}

describe('the Wanted value', () => {
  it('lists the seven kinds and checks a boundary value', () => {
    expect(EXTRA_KINDS).toEqual(['trailer', 'teaser', 'featurette', 'behind-the-scenes', 'clip', 'interview', 'theme-music']);
    expect(wantedSchema.parse({ kind: 'trailer', season: 2 })).toEqual({ kind: 'trailer', season: 2 });
    expect(wantedSchema.safeParse({ kind: 'bloopers' }).success).toBe(false);
    expect(wantedSchema.safeParse({ kind: 'trailer', season: 0 }).success).toBe(false);
    expect(wantedSchema.safeParse({ kind: 'trailer', extra: 1 }).success).toBe(false);
    expect(describeWanted({ kind: 'trailer', season: 3 })).toBe('season 3 trailer');
  });

  it('the default is the trailer: the same ranking as without a Wanted', () => {
    const entries = [entry('Dune | Official Main Trailer'), entry('Dune | Official Teaser'), entry('Dune | Featurette')];
    expect(rankCandidates(entries, dune, english)).toEqual(rankCandidates(entries, dune, english, { kind: 'trailer' }));
  });
});

describe.each(['featurette', 'behind-the-scenes', 'clip', 'interview'] as const)('a %s slot', (kind) => {
  const word = { featurette: 'Featurette', 'behind-the-scenes': 'Behind the Scenes', clip: 'Clip', interview: 'Interview' }[kind];
  const ranked = rank(dune, { kind }, [
    entry('Dune | Official Trailer'),
    entry(`Dune | ${word} Trailer`),
    entry('Dune | Official Teaser'),
    entry(`Dune | Official ${word}`, 240),
    entry('Dune | Premiere red carpet', 240),
  ]);

  it(`must not be a trailer or a teaser`, () => {
    for (const title of ['Dune | Official Trailer', `Dune | ${word} Trailer`, 'Dune | Official Teaser']) {
      expect(of(ranked, title).excluded, title).toBe(true);
      expect(of(ranked, title).reasons[0]).toMatch(/^excluded: an? .+ must not be a trailer$/);
    }
  });

  it(`picks the video that says ${word}, above one that does not`, () => {
    expect(ranked[0]?.title).toBe(`Dune | Official ${word}`);
    expect(ranked[0]?.reasons).toContain(`+20 says ${word.toLowerCase()}`);
    expect(of(ranked, 'Dune | Premiere red carpet').reasons.some((r) => r.startsWith('-10 does not say'))).toBe(true);
  });
});

describe('duration bounds per kind', () => {
  const trailerBounds = { min: 30, max: 300 };
  it('trailers and teasers keep the user settings; the others have their own', () => {
    expect(durationBounds({ kind: 'teaser' }, trailerBounds)).toEqual(trailerBounds);
    expect(durationBounds({ kind: 'featurette' }, trailerBounds)).toEqual({ min: 30, max: 1200 });
    expect(durationBounds({ kind: 'behind-the-scenes' }, trailerBounds)).toEqual({ min: 30, max: 1200 });
    expect(durationBounds({ kind: 'interview' }, trailerBounds)).toEqual({ min: 30, max: 1800 });
    expect(durationBounds({ kind: 'clip' }, trailerBounds)).toEqual({ min: 15, max: 600 });
    expect(durationBounds({ kind: 'theme-music' }, trailerBounds)).toEqual({ min: THEME_MUSIC_MIN_SECONDS, max: THEME_MUSIC_MAX_SECONDS });
  });

  it('a 12-minute featurette is fine though the trailer maximum is 5 minutes; a 25-minute one is not', () => {
    const ranked = rank(dune, { kind: 'featurette' }, [entry('Dune | Featurette: The Sandworm', 720), entry('Dune | Featurette: Arrakis', 1500)]);
    expect(of(ranked, 'Dune | Featurette: The Sandworm').excluded).toBe(false);
    expect(of(ranked, 'Dune | Featurette: Arrakis').reasons).toContain('excluded: too long (1500 s > 1200 s)');
  });

  it("theme music ignores the user's trailer durations: 20 s is fine, 4 minutes is too long", () => {
    const strict: RankingPreferences = { ...english, minDurationSeconds: 60, maxDurationSeconds: 600 };
    const ranked = rank(dune, { kind: 'theme-music' }, [entry('Dune Main Theme', 20), entry('Dune Opening Theme', 240)], strict);
    expect(of(ranked, 'Dune Main Theme').excluded).toBe(false);
    expect(of(ranked, 'Dune Opening Theme').reasons).toContain('excluded: too long (240 s > 180 s)');
  });
});

describe('a teaser slot', () => {
  const ranked = rank(dune, { kind: 'teaser' }, [entry('Dune | Official Main Trailer'), entry('Dune | Official Teaser'), entry('Dune | Gom Jabbar Clip')]);
  it('prefers "teaser"; a trailer is allowed below it; a clip further down', () => {
    expect(ranked.map((c) => c.title)).toEqual(['Dune | Official Teaser', 'Dune | Official Main Trailer', 'Dune | Gom Jabbar Clip']);
    expect(ranked[0]?.reasons).toEqual(expect.arrayContaining(['+15 official teaser', '+15 says teaser']));
    expect(ranked[1]?.reasons).toContain('-10 a trailer, not a teaser (down-ranked)');
    expect(ranked[2]?.reasons).toContain('-15 not a teaser (clip)');
  });
});

describe('a theme-music slot', () => {
  it.each([
    ['Dune Full Soundtrack', 'not a single theme ("full soundtrack")'],
    ['Dune OST Album', 'not a single theme ("ost album")'],
    ['Dune Main Theme 1 Hour', 'not a single theme ("1 hour")'],
    ['Dune Main Theme Extended', 'not a single theme ("extended")'],
    ['Dune Main Theme 10 Hours', 'not a single theme ("10 hours")'],
    ['Dune Soundtrack Playlist', 'not a single theme ("playlist")'],
    ['Dune Theme Compilation', 'not a single theme ("compilation")'],
    ['Dune | Official Trailer Music', 'theme music must not be a trailer'],
  ])('excludes "%s": %s', (title, reason) => {
    const [candidate] = rank(dune, { kind: 'theme-music' }, [entry(title, 120)]);
    expect(candidate?.reasons).toContain(`excluded: ${reason}`);
  });

  it('scores "main theme", "opening", "theme song", "intro" up, covers down, and a title word is no rule word', () => {
    const ranked = rank(bear, { kind: 'theme-music' }, [
      entry('The Bear - Opening Theme', 60),
      entry('The Bear Theme Song (Piano Cover)', 60),
      entry('The Bear | Soundtrack | Chef', 60),
    ]);
    expect(ranked[0]?.reasons).toContain('+20 says opening theme');
    expect(of(ranked, 'The Bear Theme Song (Piano Cover)').reasons).toEqual(expect.arrayContaining(['+20 says theme song', '-15 a cover or remix ("cover")']));
    expect(of(ranked, 'The Bear | Soundtrack | Chef').reasons).toContain('-10 does not say theme, opening or intro');
    const hours = rank({ title: '127 Hours', year: 2010, kind: 'movie' }, { kind: 'theme-music' }, [entry('127 Hours Main Theme', 90)]);
    expect(hours[0]?.excluded).toBe(false);
  });
});

describe('a season slot', () => {
  const ranked = rank(bear, { kind: 'trailer', season: 2 }, [
    entry('The Bear | Season 3 Official Trailer | FX'),
    entry('The Bear | Official Trailer | FX'),
    entry('The Bear | Season 2 Official Trailer | FX'),
    entry('The Bear S2 | Teaser | FX'),
  ]);
  it('takes the trailer naming that season; other seasons and the whole series are excluded', () => {
    expect(ranked[0]?.title).toBe('The Bear | Season 2 Official Trailer | FX');
    expect(ranked[0]?.reasons).toContain('+20 names season 2');
    expect(of(ranked, 'The Bear S2 | Teaser | FX').excluded).toBe(false);
    expect(of(ranked, 'The Bear | Season 3 Official Trailer | FX').reasons[0]).toBe('excluded: names season 3, not season 2');
    expect(of(ranked, 'The Bear | Official Trailer | FX').reasons[0]).toBe('excluded: does not name season 2');
  });

  it("ignores the series' year (a season comes out later) and the later-season penalty", () => {
    const later = rank(bear, { kind: 'trailer', season: 4 }, [entry('The Bear | Season 4 Official Trailer | 2025')]);
    expect(later[0]?.reasons.some((r) => r.includes('year'))).toBe(false);
    expect(later[0]?.reasons.some((r) => r.includes('season 4 trailer'))).toBe(false);
  });
});
