import { describe, expect, it } from 'vitest';
import { searchInRounds } from '../../src/sources/search-rounds.ts';
import { searchCandidates } from '../../src/sources/source-choice.ts';

const media = { kind: 'movie' as const, title: 'Weathering with You', year: 2019, originalTitle: '天気の子', originalLanguage: 'ja' };
const rank = (raw: readonly unknown[]) => searchCandidates(raw, media, { preferredLanguages: ['en'], excludeKeywords: [] }, 'https://www.youtube.com/watch?v={id}');
const poor = { id: 'poor0000001', title: 'Weathering with You AMV', duration: 200 };
const good = { id: 'good0000001', title: '映画『天気の子』予告', duration: 95, channel: '東宝MOVIEチャンネル', channel_is_verified: true };

describe('searches in rounds', () => {
  it('stops after the first search when it found a good candidate', async () => {
    const asked: string[] = [];
    const rounds = await searchInRounds(['first', 'second'], async (q) => (asked.push(q), [good]), rank);
    expect(asked).toEqual(['first']);
    expect(rounds.candidates[0]?.videoId).toBe('good0000001');
  });

  it('searches again when nothing clears the acceptance score, ranking all results together', async () => {
    const asked: string[] = [];
    const results: Record<string, unknown[]> = { first: [poor], second: [good], third: [] };
    const rounds = await searchInRounds(['first', 'second', 'third'], async (q) => (asked.push(q), results[q] ?? []), rank);
    expect(asked).toEqual(['first', 'second']);
    expect(rounds.queries).toEqual(['first', 'second']);
    expect(rounds.candidates.map((c) => c.videoId)).toEqual(['good0000001', 'poor0000001']);
  });

  it('runs every query when none is good, and keeps what it found', async () => {
    const rounds = await searchInRounds(['a', 'b'], async () => [poor], rank);
    expect(rounds.queries).toEqual(['a', 'b']);
    expect(rounds.candidates.map((c) => c.videoId)).toEqual(['poor0000001']);
  });
});
