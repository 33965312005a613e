// The fake servers are what every sync and client test leans on, so they are checked against the
// behaviour of the real apps that those tests assume.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeRadarr, type FakeArrServer } from '../support/fake-arr.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { arrFixture, arrFixtureText, generateMovies, generateSeries } from '../support/fake-arr-data.ts';

let radarr: FakeArrServer;
beforeEach(async () => {
  radarr = await startFakeRadarr({ urlBase: '/radarr', apiKey: 'abc' });
});
afterEach(async () => {
  await radarr.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${radarr.url}${path}`, { headers });

describe('fake Radarr', () => {
  it('answers /ping without a key and the API only with one', async () => {
    expect(await (await get('/ping')).json()).toEqual({ status: 'OK' });
    const denied = await get('/api/v3/movie');
    expect(denied.status).toBe(401);
    expect(await denied.text()).toBe('');
  });

  it('takes the key from ?apikey, X-Api-Key or Bearer; the query wins when both are present', async () => {
    expect((await get('/api/v3/system/status?apikey=abc')).status).toBe(200);
    expect((await get('/api/v3/system/status', { 'X-Api-Key': 'abc' })).status).toBe(200);
    expect((await get('/api/v3/system/status', { Authorization: 'Bearer abc' })).status).toBe(200);
    expect((await get('/api/v3/system/status?apikey=wrong', { 'X-Api-Key': 'abc' })).status).toBe(401);
    expect(radarr.requests.map((r) => r.auth)).toEqual(['apikey', 'x-api-key', 'bearer', 'apikey']);
  });

  it('serves only under its URL base, with X-Application-Version', async () => {
    const outside = await fetch(`http://127.0.0.1:${radarr.port}/api/v3/movie?apikey=abc`);
    expect(outside.status).toBe(404);
    const inside = await get('/api/v3/movie/42?apikey=abc');
    expect(inside.headers.get('x-application-version')).toBe('6.0.3.10276');
    expect(await inside.json()).toEqual(arrFixture('radarr', 'api-movie'));
  });

  it('filters by tmdbId, 404s unknown ids, 400s /moviefile without ids', async () => {
    expect(((await (await get('/api/v3/movie?apikey=abc&tmdbId=329871')).json()) as { id: number }[]).map((m) => m.id)).toEqual([57]);
    expect((await get('/api/v3/movie/9999?apikey=abc')).status).toBe(404);
    expect((await get('/api/v3/moviefile?apikey=abc')).status).toBe(400);
    const files = (await (await get('/api/v3/moviefile?apikey=abc&movieFileIds=311')).json()) as { id: number }[];
    expect(files.map((file) => file.id)).toEqual([311]);
  });

  it('reflects runtime changes', async () => {
    radarr.remove(42);
    radarr.patch(57, { title: 'Arrival (Director’s Cut)' });
    radarr.upsert({ ...arrFixture('radarr', 'api-movie'), id: 99 });
    const movies = (await (await get('/api/v3/movie?apikey=abc')).json()) as { id: number; title: string }[];
    expect(movies.map((m) => [m.id, m.title])).toEqual([
      [57, 'Arrival (Director’s Cut)'],
      [63, 'Nightfall Protocol'],
      [99, 'Blade Runner 2049'],
    ]);
  });

  it('fails on demand, a limited number of times, for matching paths only', async () => {
    radarr.fail({ mode: 'status', status: 503, times: 1, path: '/api/v3/movie' });
    expect((await get('/api/v3/system/status?apikey=abc')).status).toBe(200);
    expect((await get('/api/v3/movie?apikey=abc')).status).toBe(503);
    expect((await get('/api/v3/movie?apikey=abc')).status).toBe(200);
    radarr.fail({ mode: 'reset' });
    await expect(get('/api/v3/movie?apikey=abc')).rejects.toThrow();
    radarr.clearFailures();
    expect((await get('/api/v3/movie?apikey=abc')).status).toBe(200);
  });
});

describe('generators', () => {
  it('are deterministic, unique by id, varied and Unicode-rich', () => {
    const movies = generateMovies(2_000, { rootFolder: '/data/movies', seed: 3 });
    expect(generateMovies(2_000, { rootFolder: '/data/movies', seed: 3 })).toEqual(movies);
    expect(new Set(movies.map((m) => m['id'])).size).toBe(2_000);
    expect(movies.every((m) => String(m['path']).startsWith('/data/movies/'))).toBe(true);
    expect(movies.some((m) => /[^\x00-\x7f]/.test(m['title']))).toBe(true);
    expect(movies.some((m) => m['hasFile'] === false && m['movieFile'] === undefined)).toBe(true);
    expect(movies.some((m) => m['youTubeTrailerId'] === '')).toBe(true);
    expect(movies.some((m) => !('youTubeTrailerId' in m))).toBe(true);
    expect(movies.some((m) => String(m['title']).includes(':') && !String(m['path']).includes(':'))).toBe(true);
    const series = generateSeries(100, { rootFolder: '/tv' });
    expect(new Set(series.map((s) => s['tvdbId'])).size).toBe(100);
  });
});

describe('postWebhook', () => {
  it('sends a fixture the way Radarr does', async () => {
    const seen: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"queued":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    try {
      const body = arrFixture('radarr', 'webhook-download');
      const reply = await postWebhook(`http://127.0.0.1:${port}/hook?token=t`, body, { app: 'radarr' });
      expect(reply).toMatchObject({ status: 202, text: '{"queued":true}' });
      await postWebhook(`http://127.0.0.1:${port}/hook`, arrFixtureText('sonarr', 'webhook-test'), { app: 'sonarr', method: 'PUT' });
      expect(seen[0]).toMatchObject({ method: 'POST', url: '/hook?token=t' });
      expect(seen[0]?.headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': 'Radarr/6.0.3.10276 (alpine 3.22.2)',
        connection: 'close',
      });
      expect(JSON.parse(seen[0]?.body ?? '')).toEqual(body);
      expect(seen[0]?.body).toContain('\n  "movie": {');
      expect(seen[1]).toMatchObject({ method: 'PUT', body: arrFixtureText('sonarr', 'webhook-test') });
      expect(seen[1]?.headers?.['user-agent']).toMatch(/^Sonarr\//);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
