import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArrRequestError, type ArrConnectionConfig } from '../../src/arr/arr-http.ts';
import { RadarrClient } from '../../src/arr/radarr-client.ts';
import { startFakeRadarr, type FakeArrServer } from '../support/fake-arr.ts';
import { generateMovies } from '../support/fake-arr-data.ts';

// Retries are real but tiny, so a retried failure costs milliseconds.
const fastRetries = { retries: 2, retryBaseDelayMs: 5 };

let radarr: FakeArrServer;
beforeEach(async () => {
  radarr = await startFakeRadarr({ urlBase: '/radarr', apiKey: 'k3y-SECRET-0123456789' });
});
afterEach(async () => {
  await radarr.close();
});

function client(overrides: Partial<ArrConnectionConfig> = {}): RadarrClient {
  return new RadarrClient({ name: 'Radarr 4K', baseUrl: radarr.url, apiKey: radarr.apiKey, timeoutMs: 5000, ...overrides }, fastRetries);
}

async function failureOf(request: Promise<unknown>): Promise<ArrRequestError> {
  const error = await request.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ArrRequestError);
  return error as ArrRequestError;
}

function expectNoKey(error: unknown): void {
  expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(radarr.apiKey);
  expect(JSON.stringify(error)).not.toContain(radarr.apiKey);
  expect(String(error)).not.toContain(radarr.apiKey);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('RadarrClient against the fake Radarr', () => {
  it('reads system status with the key in X-Api-Key, never in the URL', async () => {
    const status = await client().systemStatus();
    expect(status).toEqual({ appName: 'Radarr', instanceName: 'Radarr', version: '6.0.3.10276', urlBase: '' });
    expect(radarr.requests.map((r) => [r.path, r.auth, r.query.toString()])).toEqual([['/api/v3/system/status', 'x-api-key', '']]);
  });

  it('lists movies with the fields sync needs; a movie without file or trailer id reads as absent', async () => {
    const { items, skipped } = await client().movies();
    expect(skipped).toEqual([]);
    expect(items.map((movie) => movie.id)).toEqual([42, 57, 63]);
    expect(items[0]).toEqual({
      id: 42,
      title: 'Blade Runner 2049',
      originalTitle: 'Blade Runner 2049',
      year: 2017,
      path: '/movies/Blade Runner 2049 (2017)',
      hasFile: true,
      movieFile: {
        id: 311,
        movieId: 42,
        relativePath: 'Blade Runner 2049 (2017) Remux-2160p.mkv',
        path: '/movies/Blade Runner 2049 (2017)/Blade Runner 2049 (2017) Remux-2160p.mkv',
      },
      monitored: true,
      tmdbId: 335912,
      imdbId: 'tt1856190',
      youTubeTrailerId: 'qV7pLs0dKx4',
      alternateTitles: ['Blade Runner 2', '银翼杀手2049'],
      tags: [2, 5],
      originalLanguage: 'en',
      status: 'released',
      inCinemas: '2017-10-04',
      digitalRelease: '2017-12-26',
      physicalRelease: '2018-01-16',
      images: { posterRemoteUrl: 'https://image.tmdb.org/t/p/original/q7RkVw2xPbN3hLe0Yd5sTaJm8uC.jpg', posterPath: '/MediaCover/42/poster.jpg?lastWrite=638664391204817236' },
    });
    const nightfall = items[2];
    expect(nightfall?.hasFile).toBe(false);
    expect(nightfall?.movieFile).toBeUndefined();
    expect(nightfall?.youTubeTrailerId).toBeUndefined();
  });

  it('reads an empty youTubeTrailerId and nulls as "none"', async () => {
    radarr.patch(42, { youTubeTrailerId: '', imdbId: null, originalTitle: null });
    const movie = await client().movie(42);
    expect(movie?.youTubeTrailerId).toBeUndefined();
    expect(movie?.imdbId).toBeUndefined();
    expect(movie?.originalTitle).toBeUndefined();
  });

  it('gets one movie, and undefined once Radarr no longer has it', async () => {
    expect((await client().movie(57))?.title).toBe('Arrival');
    radarr.remove(57);
    expect(await client().movie(57)).toBeUndefined();
    await expect(client().movie(-3)).rejects.toThrow(RangeError);
  });

  it('reads root folders and movie files (repeated movieId, chunked, none → no request)', async () => {
    const folders = await client().rootFolders();
    expect(folders.items.map((folder) => folder.path)).toEqual(['/movies', '/movies-4k']);
    const files = await client().movieFiles([42, 57, 63, 42]);
    expect(files.items.map((file) => [file.movieId, file.relativePath])).toEqual([
      [42, 'Blade Runner 2049 (2017) Remux-2160p.mkv'],
      [57, 'Arrival (2016) Bluray-1080p.mkv'],
    ]);
    expect(radarr.requests.at(-1)?.query.getAll('movieId')).toEqual(['42', '57', '63']);
    const before = radarr.requests.length;
    expect(await client().movieFiles([])).toEqual({ items: [], skipped: [] });
    expect(radarr.requests.length).toBe(before);
    await client().movieFiles(Array.from({ length: 250 }, (_, index) => index + 1));
    expect(radarr.requests.slice(before).map((r) => r.query.getAll('movieId').length)).toEqual([100, 100, 50]);
  });

  it('works with a trailing slash after the URL base, and says 404 without it', async () => {
    expect((await client({ baseUrl: `${radarr.url}/` }).systemStatus()).appName).toBe('Radarr');
    const error = await failureOf(client({ baseUrl: radarr.url.replace('/radarr', '') }).systemStatus());
    expect(error.kind).toBe('not-found');
  });

  it('parses 10,000 generated movies and skips + reports the malformed ones', async () => {
    radarr.items.clear();
    for (const movie of generateMovies(10_000, { rootFolder: '/movies' })) radarr.upsert(movie);
    radarr.patch(1500, { path: 42 });
    radarr.patch(7000, { movieFile: { relativePath: 5 } });
    const { items, skipped } = await client({ timeoutMs: 30_000 }).movies();
    expect(items).toHaveLength(9_998);
    expect(skipped.map(({ index, id, issues }) => ({ index, id, paths: issues.map((issue) => issue.path) }))).toEqual([
      { index: 500, id: 1500, paths: ['path'] },
      { index: 6000, id: 7000, paths: ['movieFile.relativePath', 'movieFile.path'] },
    ]);
    expect(skipped[0]?.title).toBe(radarr.items.get(1500)?.['title']);
    // Unicode titles and paths arrive byte for byte.
    const generated = [...radarr.items.values()].find((movie) => /[^\x00-\x7f]/.test(movie['title']));
    expect(items.find((movie) => movie.id === generated?.['id'])?.path).toBe(generated?.['path']);
  });
});

describe('RadarrClient failures', () => {
  it('401: unauthorized, not retried', async () => {
    const error = await failureOf(client({ apiKey: 'wrong-key' }).movies());
    expect(error.kind).toBe('unauthorized');
    expect(error.details).toMatchObject({ status: 401, attempts: 1, connection: 'Radarr 4K' });
    expect(radarr.requests).toHaveLength(1);
  });

  it('500 is retried with backoff and succeeds when the server recovers', async () => {
    radarr.fail({ mode: 'status', status: 500, times: 2 });
    const { items } = await client().movies();
    expect(items).toHaveLength(3);
    expect(radarr.requests.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('500 for good: error names connection and URL, never the key (the fake echoes it in the body)', async () => {
    radarr.fail({ mode: 'status', status: 500 });
    const error = await failureOf(client().movies());
    expect(error.kind).toBe('http-status');
    expect(error.details.attempts).toBe(3);
    expect(radarr.requests).toHaveLength(3);
    expect(error.message).toContain('Radarr connection "Radarr 4K"');
    expect(error.message).toContain(`${radarr.url}/api/v3/movie`);
    expect(error.message).toContain('HTTP 500');
    expect(error.message).toMatch(/HTTP 500 \(a JSON body of \d+ bytes\)$/); // described, never quoted
    expectNoKey(error);
  });

  it('slow: timeout, not retried', async () => {
    radarr.fail({ mode: 'delay', ms: 5_000 });
    const error = await failureOf(client({ timeoutMs: 150 }).movies());
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('150 ms');
    expect(radarr.requests).toHaveLength(1);
    expectNoKey(error);
  });

  it('garbage JSON and HTML pages: unexpected-reply', async () => {
    radarr.fail({ mode: 'garbage', times: 1 });
    expect((await failureOf(client().movies())).kind).toBe('unexpected-reply');
    radarr.fail({ mode: 'html', times: 1 });
    const html = await failureOf(client().movies());
    expect(html.kind).toBe('unexpected-reply');
    expect(html.message).toContain('URL base');
  });

  it('a redirect is not followed (the key must not travel on): unexpected-reply naming the target', async () => {
    radarr.fail({ mode: 'redirect', location: 'https://sso.example.test/login?next=/radarr' });
    const error = await failureOf(client().movies());
    expect(error.kind).toBe('unexpected-reply');
    expect(error.message).toContain('redirected (HTTP 302) to "https://sso.example.test/login?next=/radarr"');
    expect(radarr.requests).toHaveLength(1);
  });

  it('a JSON reply of the wrong shape: unexpected-reply naming the fields', async () => {
    radarr.status = { hello: 'world' };
    const error = await failureOf(client().systemStatus());
    expect(error.kind).toBe('unexpected-reply');
    expect(error.message).toContain('appName');
    radarr.items.clear();
    radarr.fail({ mode: 'wrong-app', path: '/api/v3/movie' });
    expect((await failureOf(client().movies())).kind).toBe('not-found');
  });

  it('connection reset is retried like any network error', async () => {
    radarr.fail({ mode: 'reset', times: 1 });
    expect((await client().movies()).items).toHaveLength(3);
    radarr.fail({ mode: 'reset' });
    const error = await failureOf(client().movies());
    expect(error.kind).toBe('unreachable');
    expect(error.details.attempts).toBe(3);
  });

  it('unreachable port', async () => {
    const port = await freePort();
    const error = await failureOf(client({ baseUrl: `http://127.0.0.1:${port}/radarr` }).systemStatus());
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain(`http://127.0.0.1:${port}/radarr/api/v3/system/status`);
    expectNoKey(error);
  });

  it('https against a plain HTTP port: tls', async () => {
    const error = await failureOf(client({ baseUrl: radarr.url.replace('http:', 'https:') }).systemStatus());
    expect(error.kind).toBe('tls');
  });

  it('bad settings are refused up front without echoing the key', () => {
    expect(() => client({ baseUrl: 'ftp://nas/radarr', apiKey: 'hunter2-secret' })).toThrow(/baseUrl: must be an http/);
    expect(() => client({ baseUrl: 'ftp://nas/radarr', apiKey: 'hunter2-secret' })).not.toThrow(/hunter2/);
    expect(() => client({ timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => client({ apiKey: '' })).toThrow(/apiKey/);
  });

  it('credentials in the base URL are sent as basic auth but kept out of messages', async () => {
    const withUser = radarr.url.replace('http://', 'http://user:pa55word@');
    radarr.fail({ mode: 'status', status: 503 });
    const error = await failureOf(client({ baseUrl: withUser }).movies());
    expect(error.message).not.toContain('pa55word');
    expect(error.details.url).not.toContain('pa55word');
    expect(radarr.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('user:pa55word').toString('base64')}`);
  });
});
