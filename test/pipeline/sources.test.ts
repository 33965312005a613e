// Pure pieces of source choice: URLs from ids and pasted links, TMDB ordering, the direct and
// chosen candidates, the search query, and the in-process ffmpeg semaphore.
import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../src/pipeline/semaphore.ts';
import { chosenCandidate, directCandidates, searchQuery } from '../../src/sources/source-choice.ts';
import { tmdbCandidates } from '../../src/sources/tmdb-ranking.ts';
import { urlForVideoId, youtubeIdFromUrl } from '../../src/sources/trailer-url.ts';

const TEMPLATE = 'http://127.0.0.1:9000/clips/{id}.mp4';

describe('trailer URLs', () => {
  it('turns an id into a URL through the template, escaping it', () => {
    expect(urlForVideoId('https://www.youtube.com/watch?v={id}', 'dQw4w9WgXcQ')).toBe('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    expect(urlForVideoId(TEMPLATE, 'a/b?c')).toBe('http://127.0.0.1:9000/clips/a%2Fb%3Fc.mp4');
  });

  it('recognises YouTube links in their usual forms, and nothing else', () => {
    for (const link of [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://m.youtube.com/shorts/dQw4w9WgXcQ',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    ]) {
      expect(youtubeIdFromUrl(link), link).toBe('dQw4w9WgXcQ');
    }
    expect(youtubeIdFromUrl('https://vimeo.com/12345678')).toBeUndefined();
    expect(youtubeIdFromUrl('https://www.youtube.com/watch?v=$(rm -rf)')).toBeUndefined();
    expect(youtubeIdFromUrl('not a url')).toBeUndefined();
  });
});

describe('direct and chosen candidates', () => {
  it('puts a pasted link before Radarr’s id; a pasted YouTube link goes through the template', () => {
    const candidates = directCandidates(
      { kind: 'movie', title: 'X', userSourceUrl: 'https://youtu.be/dQw4w9WgXcQ', youTubeTrailerId: 'radarrId01' },
      TEMPLATE,
    );
    expect(candidates.map((c) => [c.source, c.videoId, c.url])).toEqual([
      ['user', 'dQw4w9WgXcQ', 'http://127.0.0.1:9000/clips/dQw4w9WgXcQ.mp4'],
      ['radarr', 'radarrId01', 'http://127.0.0.1:9000/clips/radarrId01.mp4'],
    ]);
    expect(candidates[0]!.score).toBeGreaterThan(candidates[1]!.score);
  });

  it('ignores a malformed Radarr id and a pasted text that is not a link', () => {
    expect(directCandidates({ kind: 'movie', title: 'X', userSourceUrl: 'just words', youTubeTrailerId: 'bad id; rm' }, TEMPLATE)).toEqual([]);
  });

  it('uses the stored candidate the user chose, un-excluded, or builds one from an id or link', () => {
    const stored = { videoId: 'abcdefghijk', url: 'u', source: 'search' as const, score: 12, excluded: true, reasons: ['excluded: teaser', '+40 title matches'] };
    expect(chosenCandidate('abcdefghijk', stored, TEMPLATE)).toMatchObject({ excluded: false, reasons: ['chosen by the user', '+40 title matches'] });
    expect(chosenCandidate('zzzzzzzzzzz', undefined, TEMPLATE)).toMatchObject({ url: 'http://127.0.0.1:9000/clips/zzzzzzzzzzz.mp4', source: 'user' });
    expect(chosenCandidate('http://example.test/t.mp4', undefined, TEMPLATE)).toMatchObject({ url: 'http://example.test/t.mp4' });
  });

  it('searches for title, year and "trailer"', () => {
    expect(searchQuery({ kind: 'movie', title: 'Dune', year: 2021 })).toBe('Dune 2021 trailer');
    expect(searchQuery({ kind: 'series', title: 'The Bear', year: 2022 })).toBe('The Bear 2022 series trailer');
    expect(searchQuery({ kind: 'movie', title: '  Alien ', year: null })).toBe('Alien trailer');
  });
});

describe('TMDB ordering', () => {
  it('prefers the official Trailer in the first preferred language; non-trailers and other sites are out', () => {
    const ranked = tmdbCandidates(
      [
        { key: 'deTrailer01', name: 'Trailer (DE)', site: 'YouTube', type: 'Trailer', official: true, language: 'de' },
        { key: 'enTeaser001', name: 'Teaser', site: 'YouTube', type: 'Teaser', official: true, language: 'en' },
        { key: 'enTrailer01', name: 'Official Trailer', site: 'YouTube', type: 'Trailer', official: true, language: 'en', size: 1080 },
        { key: 'enFanTrail1', name: 'Trailer', site: 'YouTube', type: 'Trailer', official: false, language: 'en' },
        { key: 'featurette1', name: 'Making of', site: 'YouTube', type: 'Featurette', official: true, language: 'en' },
        { key: '123456', name: 'Trailer', site: 'Vimeo', type: 'Trailer', official: true, language: 'en' },
      ],
      ['en', 'de'],
      TEMPLATE,
    );
    expect(ranked.map((c) => [c.videoId, c.excluded])).toEqual([
      ['enTrailer01', false],
      // An official trailer in the second language beats an unofficial one in the first.
      ['deTrailer01', false],
      ['enFanTrail1', false],
      ['enTeaser001', false],
      ['featurette1', true],
    ]);
    expect(ranked[0]!.reasons).toEqual(['+30 TMDB type Trailer', '+20 official', '+30 preferred language (en)', '+5 1080p']);
  });
});

describe('Semaphore', () => {
  it('never lets more than its size run, hands slots over in order, and follows a resize', async () => {
    const slots = new Semaphore(2);
    const order: string[] = [];
    const a = await slots.acquire();
    const b = await slots.acquire();
    const c = slots.acquire().then((release) => (order.push('c'), release));
    const d = slots.acquire().then((release) => (order.push('d'), release));
    await Promise.resolve();
    expect(slots.running).toBe(2);
    expect(order).toEqual([]);
    a();
    a(); // a second release of the same slot changes nothing
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect(slots.running).toBe(2);
    slots.resize(3);
    const releaseD = await d;
    expect(order).toEqual(['c', 'd']);
    expect(slots.running).toBe(3);
    for (const release of [b, releaseC, releaseD]) release();
    expect(slots.running).toBe(0);
  });

  it('gives up waiting when the signal aborts', async () => {
    const slots = new Semaphore(1);
    const held = await slots.acquire();
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    held();
    expect(slots.running).toBe(0);
  });
});
