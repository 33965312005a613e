// The scoreboard for the other kinds (issue #19): every recorded search in
// test/fixtures/ytdlp-search/kind-cases.json — a featurette, behind the scenes, an interview, a
// clip, theme music, a teaser, a season's trailer — runs through the pipeline's code (queries for
// the kind → searches in rounds → ranking for the kind) with the default settings. Each case must
// pick one of the videos a person accepted for that slot.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RankingPreferences } from '../../src/domain/candidate-ranking.ts';
import { DEFAULT_QUERY_TEMPLATE, searchQueries } from '../../src/domain/search-queries.ts';
import { wantedSchema, type Wanted } from '../../src/domain/wanted-video.ts';
import { searchInRounds } from '../../src/sources/search-rounds.ts';
import { searchCandidates, type MediaForSources } from '../../src/sources/source-choice.ts';

const FIXTURES = new URL('../fixtures/ytdlp-search/', import.meta.url);
const TEMPLATE = 'https://www.youtube.com/watch?v={id}';

interface KindCase {
  name: string;
  covers: string;
  wanted: Wanted;
  item: MediaForSources;
  accept: string[];
  searches: { query: string; file: string }[];
}

const cases = JSON.parse(readFileSync(new URL('kind-cases.json', FIXTURES), 'utf8')) as KindCase[];
const recorded = (file: string): unknown[] => (JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as { entries: unknown[] }).entries;
const defaults: RankingPreferences = { preferredLanguages: ['en'], excludeKeywords: [] };

async function pick(c: KindCase): Promise<{ videoId: string | undefined; title: string; queries: string[] }> {
  const byQuery = new Map(c.searches.map((s) => [s.query, recorded(s.file)]));
  const rounds = await searchInRounds(
    searchQueries(DEFAULT_QUERY_TEMPLATE, c.item, c.wanted),
    async (query) => byQuery.get(query) ?? [],
    (raw) => searchCandidates(raw, c.item, defaults, TEMPLATE, c.wanted),
  );
  const best = rounds.candidates.find((candidate) => !candidate.excluded);
  return { videoId: best?.videoId, title: best?.title ?? '(nothing)', queries: rounds.queries };
}

describe('kind scoreboard over the recorded searches', () => {
  it('has at least 8 cases covering every kind but the plain trailer, each with its first query recorded', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
    const kinds = new Set(cases.map((c) => wantedSchema.parse(c.wanted).kind));
    expect([...kinds].sort()).toEqual(['behind-the-scenes', 'clip', 'featurette', 'interview', 'teaser', 'theme-music', 'trailer']);
    for (const c of cases) {
      expect(c.accept.length, c.name).toBeGreaterThan(0);
      expect(searchQueries(DEFAULT_QUERY_TEMPLATE, c.item, c.wanted)[0], c.name).toBe(c.searches[0]?.query);
    }
  });

  it('picks an accepted video in every case', async () => {
    const rows: string[] = [];
    let good = 0;
    for (const c of cases) {
      const chosen = await pick(c);
      const ok = chosen.videoId !== undefined && c.accept.includes(chosen.videoId);
      if (ok) good += 1;
      rows.push(`${ok ? 'ok  ' : 'MISS'} ${c.name.padEnd(38)} ${chosen.videoId ?? '-'.padEnd(11)} ${chosen.title}${chosen.queries.length > 1 ? `  [${chosen.queries.length} searches]` : ''}`);
    }
    console.log(`kind scoreboard: ${good} of ${cases.length} cases pick an accepted video\n${rows.join('\n')}`);
    expect(good).toBe(cases.length);
  });
});
