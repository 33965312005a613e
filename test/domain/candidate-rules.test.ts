import { describe, expect, it } from 'vitest';
import { bestCandidate, rankCandidates, type RankingPreferences, type WantedItem } from '../../src/domain/candidate-ranking.ts';
import { fakeDescriptionReason, isKnownStudioChannel, NO_USER_RULES, unreleasedReasons, userRuleReasons } from '../../src/domain/candidate-rules.ts';
import type { YtDlpSearchEntry } from '../../src/domain/ytdlp-search-entry.ts';

const entry = (id: string, title: string, extra: Partial<YtDlpSearchEntry> = {}): YtDlpSearchEntry => ({ id, title, duration: 120, ...extra });
const studio = entry('studio00001', 'Dune | Official Trailer', { channel: 'Warner Bros. Pictures', channel_id: 'UCwb', channel_is_verified: true });
const kino = entry('kino0000001', 'DUNE Trailer German Deutsch (2021)', { channel: 'KinoCheck', channel_id: 'UCkino' });

describe('user rules', () => {
  it('allowlist: only the listed channels, by name (folded) or id', () => {
    expect(userRuleReasons(studio, { ...NO_USER_RULES, channelAllowlist: ['warner bros pictures'] })).toEqual([]);
    expect(userRuleReasons(studio, { ...NO_USER_RULES, channelAllowlist: ['UCwb'] })).toEqual([]);
    expect(userRuleReasons(kino, { ...NO_USER_RULES, channelAllowlist: ['Warner Bros. Pictures'] })).toEqual(['channel "KinoCheck" is not on the allowlist']);
  });

  it('an empty or blank allowlist allows every channel', () => {
    expect(userRuleReasons(kino, { ...NO_USER_RULES, channelAllowlist: ['  '] })).toEqual([]);
  });

  it('blocklist', () => {
    expect(userRuleReasons(kino, { ...NO_USER_RULES, channelBlocklist: ['KinoCheck'] })).toEqual(['channel "KinoCheck" is on the blocklist']);
    expect(userRuleReasons(studio, { ...NO_USER_RULES, channelBlocklist: ['KinoCheck'] })).toEqual([]);
  });

  it('include words: all of them, or any one', () => {
    const all = { ...NO_USER_RULES, includeWords: ['official', '4K'], includeMode: 'all' as const };
    expect(userRuleReasons(studio, all)).toEqual(['title lacks the include word "4K"']);
    expect(userRuleReasons(studio, { ...all, includeMode: 'any' })).toEqual([]);
    expect(userRuleReasons(kino, { ...all, includeMode: 'any' })).toEqual(['title has none of the include words "official", "4K"']);
  });

  it('every broken rule is in the candidate\'s stored reasons', () => {
    const preferences: RankingPreferences = {
      preferredLanguages: ['en'],
      excludeKeywords: [],
      rules: { channelAllowlist: [], channelBlocklist: ['Warner Bros. Pictures'], includeWords: ['trailer'], includeMode: 'all' },
    };
    const ranked = rankCandidates([studio, kino], { title: 'Dune', year: 2021, kind: 'movie' }, preferences);
    expect(ranked.find((c) => c.videoId === 'studio00001')?.reasons).toContain('excluded: channel "Warner Bros. Pictures" is on the blocklist');
    expect(bestCandidate(ranked)?.videoId).toBe('kino0000001');
  });
});

describe('fake and unreleased', () => {
  it('a description that admits a concept or fan trailer is excluded for any film', () => {
    expect(fakeDescriptionReason(entry('f', 't', { description: 'This is a concept trailer. Not affiliated with Marvel.' }), false)).toBe('description says "concept trailer"');
    expect(fakeDescriptionReason(entry('g', 't', { description: 'Fan made trailer.' }), false)).toBe('description says "fan made"');
  });

  it("a studio's own description of its spoof film may say parody", () => {
    const spoof = entry('spoof000001', 'Scary Movie | Official Trailer', { channel: 'Paramount Pictures', channel_is_verified: true, description: 'The parody of every horror film.' });
    const copy = entry('copy0000001', 'Scary Movie Official Trailer', { channel: 'Trailer Vault', description: 'The parody of every horror film.' });
    const ranked = rankCandidates([spoof, copy], { title: 'Scary Movie', year: 2000, kind: 'movie' }, { preferredLanguages: ['en'], excludeKeywords: [] });
    expect(ranked.find((c) => c.videoId === 'spoof000001')?.excluded).toBe(false);
    expect(ranked.find((c) => c.videoId === 'copy0000001')?.reasons).toContain('excluded: description says "parody"');
  });

  it('copyright disclaimers only count for a film that is not out', () => {
    const disclaimer = entry('d', 't', { description: 'Copyright Disclaimer Under Section 107 of the Copyright Act 1976' });
    expect(fakeDescriptionReason(disclaimer, false)).toBeUndefined();
    expect(fakeDescriptionReason(disclaimer, true)).toBe('description says "copyright disclaimer"');
  });

  it('knows studio channels by name, not by the word "official"', () => {
    expect(isKnownStudioChannel(entry('s', 't', { channel: 'Sony Pictures Entertainment' }))).toBe(true);
    expect(isKnownStudioChannel(entry('o', 't', { channel: 'Official Trailers Daily' }))).toBe(false);
  });

  it('unreleased: an unverified channel or a title without the film is refused', () => {
    expect(unreleasedReasons(entry('u', 't', { channel: 'Teaser PRO' }), true, [])).toEqual(['not yet released: only a verified or studio channel is trusted']);
    expect(unreleasedReasons(studio, false, [])).toEqual(['not yet released: the title does not name the film']);
    expect(unreleasedReasons(entry('p', 't', { channel: 'My Trusted Uploader' }), true, ['My Trusted Uploader'])).toEqual([]);
  });

  it('unreleased: a fake "Official Trailer" loses to the verified teaser; with only fakes nothing is picked', () => {
    const shrek: WantedItem = { title: 'Shrek 5', year: 2027, kind: 'movie', unreleased: true };
    const fake = entry('fake0000001', 'SHREK 5 - Official Trailer (2027)', { channel: 'Teaser PRO', view_count: 9_000_000 });
    const real = entry('real0000001', 'Shrek 5 | Official Teaser Trailer', { channel: 'Universal Pictures', channel_is_verified: true, view_count: 10 });
    const prefs = { preferredLanguages: ['en'], excludeKeywords: [] };
    expect(bestCandidate(rankCandidates([fake, real], shrek, prefs))?.videoId).toBe('real0000001');
    expect(bestCandidate(rankCandidates([fake], shrek, prefs))).toBeUndefined();
    // The same fake is acceptable once the film is out (it is a popular, title-matching trailer).
    expect(bestCandidate(rankCandidates([fake], { ...shrek, unreleased: false }, prefs))?.videoId).toBe('fake0000001');
  });
});
