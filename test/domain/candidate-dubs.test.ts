import { describe, expect, it } from 'vitest';
import { originalLanguageSignals, readAudio } from '../../src/domain/candidate-dubs.ts';
import { bestCandidate, rankCandidates, type WantedItem } from '../../src/domain/candidate-ranking.ts';
import type { YtDlpSearchEntry } from '../../src/domain/ytdlp-search-entry.ts';

const entry = (id: string, title: string, extra: Partial<YtDlpSearchEntry> = {}): YtDlpSearchEntry => ({ id, title, duration: 120, ...extra });

describe('reading the audio of an upload', () => {
  it.each([
    ['Your Name. [Official English Dub Trailer, GKIDS]', { dubbed: true, subtitled: false }],
    ['SPIRITED AWAY | Official Subtitled Trailer', { dubbed: false, subtitled: true }],
    ['Parasite (2019) | Tráiler Oficial Doblado al Español Latino', { subtitled: false }],
    ['Weathering with You Trailer (Deutsche Synchro)', { subtitled: false }],
    ['Intouchables - Bande-annonce VOSTFR', { subtitled: true, dubbed: false }],
  ])('%s', (title, expected) => {
    expect(readAudio(entry('x', title), 'ja')).toMatchObject(expected);
  });

  it('names the dub language for VF, Doblado, Synchro (but not VF on a French film)', () => {
    expect([...readAudio(entry('a', 'Parasite Bande-annonce VF'), 'ko').dubbedInto]).toEqual(['fr']);
    expect([...readAudio(entry('b', 'Parasite Tráiler Doblado'), 'ko').dubbedInto]).toEqual(['es']);
    expect([...readAudio(entry('c', 'Parasite Trailer Synchro'), 'ko').dubbedInto]).toEqual(['de']);
    expect([...readAudio(entry('d', 'Les Intouchables bande-annonce VF'), 'fr').dubbedInto]).toEqual([]);
  });

  it('reads the description only when the title says nothing about the audio', () => {
    const quiet = entry('q', 'Shoplifters | Official UK Trailer', { description: 'Japanese with English subtitles.' });
    expect(readAudio(quiet, 'ja').subtitled).toBe(true);
    const loud = entry('l', 'Shoplifters English Dub Trailer', { description: 'Also available with subtitles.' });
    expect(readAudio(loud, 'ja')).toMatchObject({ dubbed: true, subtitled: false });
  });

  it('takes the original script as a sign of the home-market trailer', () => {
    expect(readAudio(entry('j', '『万引き家族』予告編'), 'ja').nativeScript).toBe(true);
    expect(readAudio(entry('k', '기생충 메인 예고편'), 'ko').nativeScript).toBe(true);
    expect(readAudio(entry('k2', '기생충 메인 예고편'), 'ja').nativeScript).toBe(false);
  });

  it("does not trust yt-dlp's language field for a dub (it is the channel's metadata language)", () => {
    const tagged = entry('t', 'Amelie (2001) Official Trailer', { language: 'en' });
    expect(originalLanguageSignals(tagged, 'fr', ['en'], 'original')).toEqual([]);
  });
});

describe('the language preference', () => {
  const parasite: WantedItem = { title: 'Parasite', year: 2019, kind: 'movie', originalTitle: '기생충', originalLanguage: 'ko' };
  const entries = [
    entry('dubVerified', 'PARASITE | Official English Dub Trailer', { channel: 'NEON', channel_is_verified: true, view_count: 9_000_000 }),
    entry('subtitled00', 'PARASITE [Official Subtitled Trailer]', { channel: 'NEON', channel_is_verified: true, view_count: 1_000_000 }),
    entry('korean00000', '기생충 (PARASITE) 메인 예고편', { channel: 'CJ ENM Movie', channel_is_verified: true, view_count: 5_000_000 }),
  ];
  const prefs = { preferredLanguages: ['en'], excludeKeywords: [] };

  it('original (the default): a dub is the last resort even from the verified studio channel', () => {
    const ranked = rankCandidates(entries, parasite, prefs);
    expect(ranked.at(-1)?.videoId).toBe('dubVerified');
    expect(ranked.at(-1)?.reasons).toContain('-50 dubbed (en): the film is in ko (last resort)');
    expect(ranked.at(-1)?.excluded).toBe(false);
  });

  it('original with subtitles preferred: the subtitled trailer first', () => {
    const ranked = rankCandidates(entries, parasite, { ...prefs, languageMode: 'original-subtitled' });
    expect(ranked[0]?.videoId).toBe('subtitled00');
    expect(ranked[0]?.reasons).toContain('+30 original audio with subtitles');
  });

  it('my language (dub allowed): the dub in my language wins', () => {
    expect(bestCandidate(rankCandidates(entries, parasite, { ...prefs, languageMode: 'mine' }))?.videoId).toBe('dubVerified');
  });

  it('a film in my own language is ranked as before', () => {
    expect(originalLanguageSignals(entries[0]!, 'en', ['en-US'], 'original')).toBeUndefined();
    expect(originalLanguageSignals(entries[0]!, undefined, ['en'], 'original')).toBeUndefined();
  });

  it('"Deutsch" on a non-German film is a dub, on a German film the original', () => {
    const german = entry('de', 'Dark | Trailer Deutsch');
    expect(originalLanguageSignals(german, 'ko', ['en'], 'original')?.[0]?.points).toBe(-50);
    expect(originalLanguageSignals(german, 'de', ['en'], 'original')).toEqual([{ points: 20, reason: 'original language (de)' }]);
  });
});
