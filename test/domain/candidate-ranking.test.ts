import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bestCandidate, rankCandidates, type RankedCandidate, type RankingPreferences, type WantedItem } from '../../src/domain/candidate-ranking.ts';
import { parseDumpJsonLines, readSearchEntries, type YtDlpSearchEntry } from '../../src/domain/ytdlp-search-entry.ts';

const FIXTURES = new URL('../fixtures/ytdlp-search/', import.meta.url);

function load(file: string): YtDlpSearchEntry[] {
  const text = readFileSync(new URL(file, FIXTURES), 'utf8');
  const parsed = file.endsWith('.ndjson') ? parseDumpJsonLines(text) : readSearchEntries(JSON.parse(text));
  expect(parsed.skipped).toEqual([]);
  return parsed.entries;
}

const english: RankingPreferences = { preferredLanguages: ['en'], excludeKeywords: [] };

function byId(ranked: readonly RankedCandidate[], id: string): RankedCandidate {
  const found = ranked.find((c) => c.videoId === id);
  if (!found) throw new Error(`no candidate ${id}`);
  return found;
}

function position(ranked: readonly RankedCandidate[], id: string): number {
  return ranked.findIndex((c) => c.videoId === id);
}

function expectExcluded(ranked: readonly RankedCandidate[], id: string, reason: string): void {
  const candidate = byId(ranked, id);
  expect(candidate.excluded, `${id} should be excluded`).toBe(true);
  const reasons = candidate.reasons.filter((r) => r.startsWith('excluded: ')).map((r) => r.slice('excluded: '.length));
  expect(reasons, `${id} reasons`).toContain(reason);
}

function expectBelow(ranked: readonly RankedCandidate[], lower: string, higher: string): void {
  expect(position(ranked, lower), `${lower} should rank below ${higher}`).toBeGreaterThan(position(ranked, higher));
}

describe('Dune (2021), flat search results', () => {
  const entries = load('dune-2021.flat.json');
  const dune: WantedItem = { title: 'Dune', year: 2021, kind: 'movie' };
  const ranked = rankCandidates(entries, dune, english);

  it('picks the official trailer from the studio channel', () => {
    expect(bestCandidate(ranked)?.videoId).toBe('dnOffMain01');
    expect(ranked[0]).toMatchObject({
      videoId: 'dnOffMain01',
      url: 'https://www.youtube.com/watch?v=dnOffMain01',
      title: 'Dune | Official Main Trailer',
      channel: 'Warner Bros. Pictures',
      durationSeconds: 183,
      excluded: false,
    });
    expect(ranked[0]?.reasons).toEqual(expect.arrayContaining(['+40 title matches', '+15 official trailer', '+8 studio or official channel']));
  });

  it.each([
    ['dnReview005', 'review'],
    ['dnReact0006', 'reaction video'],
    ['dnLive00007', 'live stream'],
    ['dnUpcom0008', 'upcoming live stream or premiere'],
    ['dnShort0009', 'YouTube Short'],
    ['dnShort0009', 'too short (28 s < 30 s)'],
    ['dnCompil010', 'compilation'],
    ['dnCompil010', 'too long (7265 s > 300 s)'],
    ['dnFanMde011', 'fan-made or concept trailer'],
  ])('excludes %s: %s', (id, reason) => expectExcluded(ranked, id, reason));

  it('down-ranks but keeps the teaser, the sequel, the 1984 film and the German trailer', () => {
    for (const id of ['dnTeaser002', 'dnPart2Tr03', 'dn1984Trl04', 'dnGerman012']) {
      expect(byId(ranked, id).excluded).toBe(false);
      expectBelow(ranked, id, 'dnOffMain01');
    }
    expect(byId(ranked, 'dnTeaser002').reasons).toContain('-8 teaser (down-ranked)');
    expect(byId(ranked, 'dnPart2Tr03').reasons).toContain('+0 possibly a different title ("dune part two")');
    expect(byId(ranked, 'dn1984Trl04').reasons).toContain('-20 year 1984 does not match 2021');
    expect(byId(ranked, 'dnGerman012').reasons).toContain('-15 other language (de)');
    // The right film's teaser beats the sequel's official trailer.
    expectBelow(ranked, 'dnPart2Tr03', 'dnTeaser002');
  });

  it('sorts every usable candidate before every excluded one', () => {
    const firstExcluded = ranked.findIndex((c) => c.excluded);
    expect(firstExcluded).toBe(5);
    expect(ranked.slice(firstExcluded).every((c) => c.excluded)).toBe(true);
    expect(ranked).toHaveLength(entries.length);
  });

  it('prefers the German trailer for a German-speaking user', () => {
    const german = rankCandidates(entries, dune, { preferredLanguages: ['de-DE'], excludeKeywords: [] });
    expect(german[0]?.videoId).toBe('dnGerman012');
    expect(german[0]?.reasons).toContain('+30 preferred language (de)');
  });

  it('is deterministic and leaves its input alone', () => {
    const copy = structuredClone(entries);
    expect(rankCandidates(entries, dune, english)).toEqual(ranked);
    expect(entries).toEqual(copy);
  });

  it('honours user keywords, the blocklist and preferred channels', () => {
    const prefs: RankingPreferences = { ...english, excludeKeywords: ['Main Trailer'], blockedVideoIds: ['dnTeaser002'], preferredChannels: ['KinoCheck'] };
    const custom = rankCandidates(entries, dune, prefs);
    expectExcluded(custom, 'dnOffMain01', 'excluded keyword "Main Trailer"');
    expectExcluded(custom, 'dnTeaser002', 'blocklisted video');
    expect(custom[0]?.videoId).toBe('dnGerman012');
    expect(custom[0]?.reasons).toContain('+25 preferred channel');
  });

  it('respects custom duration limits', () => {
    const strict = rankCandidates(entries, dune, { ...english, minDurationSeconds: 90, maxDurationSeconds: 180 });
    expectExcluded(strict, 'dnTeaser002', 'too short (64 s < 90 s)');
    expectExcluded(strict, 'dnOffMain01', 'too long (183 s > 180 s)');
  });
});

describe('Amélie (2001), --dump-json lines with full metadata', () => {
  const entries = load('amelie-2001.dump-json.ndjson');
  const amelie: WantedItem = { title: 'Amélie', year: 2001, alternativeTitles: ["Le Fabuleux Destin d'Amélie Poulain"], kind: 'movie' };

  it('matches "Amelie" without the accent and prefers the English trailer', () => {
    const ranked = rankCandidates(entries, amelie, english);
    expect(ranked[0]?.videoId).toBe('amEnTrail01');
    expect(ranked[0]?.reasons).toEqual(expect.arrayContaining(['+40 title matches', '+10 year matches', '+30 preferred language (en)']));
    expectBelow(ranked, 'amFrBande02', 'amEnTrail01');
    expect(byId(ranked, 'amFrBande02').reasons).toContain('-15 other language (fr)');
  });

  it('finds the French trailer through the alternative title and prefers it in French', () => {
    const ranked = rankCandidates(entries, amelie, { preferredLanguages: ['fr', 'en'], excludeKeywords: [] });
    expect(ranked[0]?.videoId).toBe('amFrBande02');
    expect(ranked[0]?.reasons).toEqual(expect.arrayContaining(['+40 title matches', '+15 official trailer', '+30 preferred language (fr)']));
    expect(ranked[1]?.videoId).toBe('amEnTrail01');
    expect(ranked[1]?.reasons).toContain('+12 preferred language (en)');
  });

  it('excludes recuts, explainers, vertical edits and members-only videos', () => {
    const ranked = rankCandidates(entries, amelie, english);
    expectExcluded(ranked, 'amHorror003', 'fan-made or concept trailer');
    expectExcluded(ranked, 'amExplain04', 'analysis or explainer');
    expectExcluded(ranked, 'amVertic005', 'vertical video');
    expectExcluded(ranked, 'amMember007', 'members-only video');
    expect(ranked.filter((c) => !c.excluded).map((c) => c.videoId)).toEqual(['amEnTrail01', 'amTrailr006', 'amFrBande02']);
  });
});

describe('Alien (1979), full extraction', () => {
  const entries = load('alien-1979.json');
  const alien: WantedItem = { title: 'Alien', year: 1979, kind: 'movie' };
  const ranked = rankCandidates(entries, alien, english);

  it('picks the 1979 official trailer over sequels and the teaser', () => {
    expect(ranked.filter((c) => !c.excluded).map((c) => c.videoId)).toEqual(['alOffTr0001', 'alTrl4k0009', 'alTeaser002', 'alCovenan05', 'alRomulus03']);
    expect(byId(ranked, 'alRomulus03').reasons).toContain('+0 possibly a different title ("alien romulus")');
  });

  it.each([
    ['alAliens004', 'title does not match'],
    ['alFanMade06', 'fan-made or concept trailer'],
    ['alReview008', 'review'],
    ['alShorts010', 'YouTube Short'],
    ['alShorts010', 'vertical video'],
    ['alMarath007', 'too long (14420 s > 300 s)'],
  ])('excludes %s: %s', (id, reason) => expectExcluded(ranked, id, reason));

  it('marks a recorded live stream', () => {
    expect(byId(ranked, 'alMarath007').reasons).toContain('-30 recorded live stream');
  });

  it('falls back to the next best when the winner is blocklisted', () => {
    const blocked = rankCandidates(entries, alien, { ...english, blockedVideoIds: ['alOffTr0001'] });
    expect(bestCandidate(blocked)?.videoId).toBe('alTrl4k0009');
    const no4k = rankCandidates(entries, alien, { ...english, blockedVideoIds: ['alOffTr0001'], excludeKeywords: ['4k'] });
    expect(bestCandidate(no4k)?.videoId).toBe('alTeaser002');
  });
});

describe('The Bear (2022), a series', () => {
  const entries = load('the-bear-2022.flat.json');
  const ranked = rankCandidates(entries, { title: 'The Bear', year: 2022, kind: 'series' }, english);

  it('prefers the series trailer over a later season', () => {
    expect(ranked[0]?.videoId).toBe('brOffTr0001');
    expect(ranked[1]?.videoId).toBe('brSeas30002');
    expect(ranked[1]?.reasons).toContain('-5 season 3 trailer');
  });

  it('excludes another show and keeps a similar title low', () => {
    expectExcluded(ranked, 'brGrylls004', 'title does not match');
    expectExcluded(ranked, 'brReact0003', 'reaction video');
    expectExcluded(ranked, 'brRecap0006', 'analysis or explainer');
    expectExcluded(ranked, 'brUpcom0007', 'upcoming live stream or premiere');
    expect(byId(ranked, 'brCubDoc005').reasons).toContain('+0 possibly a different title ("the bear cub")');
    expect(position(ranked, 'brCubDoc005')).toBe(2);
  });
});

describe('edge cases', () => {
  const entry = (id: string, title: string, extra: Partial<YtDlpSearchEntry> = {}): YtDlpSearchEntry => ({ id, title, duration: 120, view_count: 1000, ...extra });

  it('does not read years that belong to the title as a mismatch', () => {
    const ranked = rankCandidates([entry('br2049aaaaa', 'Blade Runner 2049 - Official Trailer')], { title: 'Blade Runner 2049', year: 2017, kind: 'movie' }, english);
    expect(ranked[0]?.reasons.some((r) => r.includes('does not match'))).toBe(false);
    expect(ranked[0]?.excluded).toBe(false);
  });

  it('does not exclude on a keyword that is part of the title', () => {
    const ranked = rankCandidates([entry('nesaaaaaaaa', 'The NeverEnding Story (1984) Official Trailer')], { title: 'The Never Ending Story', year: 1984, kind: 'movie' }, english);
    expect(ranked[0]?.excluded).toBe(false);
    const happy = rankCandidates([entry('heaaaaaaaaa', 'Happy Ending | Official Trailer')], { title: 'Happy Ending', kind: 'movie' }, english);
    expect(happy[0]?.excluded).toBe(false);
  });

  it('catches a sequel number and a leading article', () => {
    const ranked = rankCandidates(
      [entry('ts4aaaaaaaa', 'Toy Story 4 | Official Trailer'), entry('tsaaaaaaaaa', 'Toy Story | Official Trailer')],
      { title: 'Toy Story', year: 1995, kind: 'movie' },
      english,
    );
    expect(ranked.map((c) => c.videoId)).toEqual(['tsaaaaaaaaa', 'ts4aaaaaaaa']);
    expect(ranked[1]?.reasons).toContain('+0 possibly a different title ("toy story 4")');
    const batman = rankCandidates([entry('tbaaaaaaaaa', 'The Batman - Official Trailer')], { title: 'Batman', year: 1989, kind: 'movie' }, english);
    expect(batman[0]?.reasons).toContain('+0 possibly a different title ("the batman")');
  });

  it('matches titles written with different spacing, but not a longer word', () => {
    const spider = rankCandidates([entry('spaaaaaaaaa', 'SPIDERMAN (2002) - Official Trailer')], { title: 'Spider-Man', year: 2002, kind: 'movie' }, english);
    expect(spider[0]?.reasons).toContain('+40 title matches');
    const aliens = rankCandidates([entry('alaaaaaaaaa', 'Aliens - Official Trailer')], { title: 'Alien', kind: 'movie' }, english);
    expect(aliens[0]?.reasons).toContain('excluded: title does not match');
  });

  it('accepts a shortened long title', () => {
    const ranked = rankCandidates(
      [entry('mi7aaaaaaaa', 'Mission Impossible Dead Reckoning | Official Trailer')],
      { title: 'Mission: Impossible - Dead Reckoning Part One', year: 2023, kind: 'movie' },
      english,
    );
    expect(ranked[0]?.excluded).toBe(false);
    expect(ranked[0]?.reasons).toContain('+17 title partly matches');
  });

  it('lists a duplicated video once and breaks ties by views, then search order', () => {
    const ranked = rankCandidates(
      [entry('aaaaaaaaaaa', 'X | Official Trailer'), entry('bbbbbbbbbbb', 'X | Official Trailer', { view_count: 1000 }), entry('aaaaaaaaaaa', 'X | Official Trailer'), entry('ccccccccccc', 'X | Official Trailer', { view_count: 5000 })],
      { title: 'X', kind: 'movie' },
      english,
    );
    expect(ranked.map((c) => c.videoId)).toEqual(['ccccccccccc', 'aaaaaaaaaaa', 'bbbbbbbbbbb']);
  });

  it('handles missing fields and an empty list', () => {
    expect(rankCandidates([], { title: 'X', kind: 'movie' }, english)).toEqual([]);
    const ranked = rankCandidates([{ id: 'zzzzzzzzzzz' }], { title: 'X', kind: 'movie' }, english);
    expect(ranked[0]).toMatchObject({ videoId: 'zzzzzzzzzzz', url: 'https://www.youtube.com/watch?v=zzzzzzzzzzz', title: '', excluded: true });
    expect(ranked[0]?.reasons).toContain('excluded: title does not match');
    expect(ranked[0]?.reasons).toContain('-5 duration unknown');
  });
});

describe('parsing search output', () => {
  it('skips results without an id and drops fields of the wrong type', () => {
    const parsed = readSearchEntries({ entries: [{ title: 'no id' }, { id: 'okokokokoko', duration: 'long', view_count: -3, title: 'Fine' }, 'nonsense'] });
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]).toMatchObject({ id: 'okokokokoko', title: 'Fine' });
    expect(parsed.entries[0]?.duration).toBeUndefined();
    expect(parsed.entries[0]?.view_count).toBeUndefined();
    expect(parsed.skipped.map((s) => s.index)).toEqual([0, 2]);
  });

  it('reports a --dump-json line that is not JSON once', () => {
    const parsed = parseDumpJsonLines('{"id":"aaaaaaaaaaa","title":"A"}\nnot json\n\n{"id":"bbbbbbbbbbb"}\n');
    expect(parsed.entries.map((e) => e.id)).toEqual(['aaaaaaaaaaa', 'bbbbbbbbbbb']);
    expect(parsed.skipped).toEqual([{ index: 1, reason: 'line is not valid JSON' }]);
  });
});
