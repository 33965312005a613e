// The scoreboard: every recorded YouTube search in test/fixtures/ytdlp-search/cases.json is run
// through the same code the pipeline uses (query template → searches in rounds → ranking) with
// the default settings, and the pick is compared with the videos a person accepted for that item
// (none, for an announced film with only fakes). It prints the table and fails below all-but-one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RankingPreferences } from '../../src/domain/candidate-ranking.ts';
import { isUnreleased } from '../../src/domain/release-schedule.ts';
import { DEFAULT_QUERY_TEMPLATE, searchQueries } from '../../src/domain/search-queries.ts';
import { parseDumpJsonLines } from '../../src/domain/ytdlp-search-entry.ts';
import { searchInRounds } from '../../src/sources/search-rounds.ts';
import { searchCandidates, type MediaForSources } from '../../src/sources/source-choice.ts';

const FIXTURES = new URL('../fixtures/ytdlp-search/', import.meta.url);
const TEMPLATE = 'https://www.youtube.com/watch?v={id}';
// The fixtures' "today": the announced films are announced as of this date.
const NOW = new Date('2026-12-05T00:00:00Z');

interface Case {
  name: string;
  covers: string;
  item: MediaForSources & { status?: string };
  accept: string[];
  searches: { query: string; file: string }[];
}

const cases = JSON.parse(readFileSync(new URL('cases.json', FIXTURES), 'utf8')) as Case[];

function recorded(file: string): unknown[] {
  const text = readFileSync(new URL(file, FIXTURES), 'utf8');
  if (file.endsWith('.ndjson')) return parseDumpJsonLines(text).entries;
  return (JSON.parse(text) as { entries: unknown[] }).entries;
}

const defaults: RankingPreferences = { preferredLanguages: ['en'], excludeKeywords: [] };

async function pick(c: Case): Promise<{ videoId: string | undefined; title: string; queries: string[] }> {
  const byQuery = new Map(c.searches.map((s) => [s.query, recorded(s.file)]));
  const media: MediaForSources = { ...c.item, unreleased: isUnreleased({ status: c.item.status }, NOW) };
  const rounds = await searchInRounds(
    searchQueries(DEFAULT_QUERY_TEMPLATE, media),
    async (query) => byQuery.get(query) ?? [],
    (raw) => searchCandidates(raw, media, defaults, TEMPLATE),
  );
  const best = rounds.candidates.find((candidate) => !candidate.excluded);
  return { videoId: best?.videoId, title: best?.title ?? '(nothing: no trailer yet)', queries: rounds.queries };
}

describe('search scoreboard over the recorded searches', () => {
  it('has at least 30 cases, each with its first query recorded', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const c of cases) {
      expect(searchQueries(DEFAULT_QUERY_TEMPLATE, c.item)[0], c.name).toBe(c.searches[0]?.query);
    }
  });

  it('picks an accepted video (or rightly nothing) in all cases but one at most', async () => {
    const rows: string[] = [];
    let good = 0;
    for (const c of cases) {
      const chosen = await pick(c);
      const ok = c.accept.length === 0 ? chosen.videoId === undefined : chosen.videoId !== undefined && c.accept.includes(chosen.videoId);
      if (ok) good += 1;
      rows.push(`${ok ? 'ok  ' : 'MISS'} ${c.name.padEnd(34)} ${chosen.videoId ?? '-'.padEnd(11)} ${chosen.title}${chosen.queries.length > 1 ? `  [${chosen.queries.length} searches]` : ''}`);
    }
    console.log(`search scoreboard: ${good} of ${cases.length} cases pick an accepted video\n${rows.join('\n')}`);
    expect(good).toBeGreaterThanOrEqual(cases.length - 1);
  });
});
