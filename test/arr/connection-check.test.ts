import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkConnection } from '../../src/arr/connection-check.ts';
import { RadarrClient } from '../../src/arr/radarr-client.ts';
import { SonarrClient } from '../../src/arr/sonarr-client.ts';
import { startFakeRadarr, startFakeSonarr, type FakeArrServer } from '../support/fake-arr.ts';

let radarr: FakeArrServer;
let sonarr: FakeArrServer;
beforeEach(async () => {
  radarr = await startFakeRadarr({ urlBase: '/radarr', status: { instanceName: 'Radarr 4K' } });
  sonarr = await startFakeSonarr();
});
afterEach(async () => {
  await radarr.close();
  await sonarr.close();
});

const settings = { retries: 1, retryBaseDelayMs: 5 };
const radarrAt = (baseUrl: string, apiKey = radarr.apiKey, timeoutMs = 2000) =>
  new RadarrClient({ name: 'movies', baseUrl, apiKey, timeoutMs }, settings);

describe('checkConnection', () => {
  it('ok: app name, version and instance name', async () => {
    expect(await checkConnection('radarr', radarrAt(radarr.url))).toEqual({
      ok: true,
      appName: 'Radarr',
      version: '6.0.3.10276',
      instanceName: 'Radarr 4K',
    });
    const tv = new SonarrClient({ name: 'tv', baseUrl: sonarr.url, apiKey: sonarr.apiKey, timeoutMs: 2000 }, settings);
    expect(await checkConnection('sonarr', tv)).toMatchObject({ ok: true, appName: 'Sonarr', version: '4.0.19.2979' });
  });

  it('wrong-app: a Sonarr URL on a Radarr connection, and the other way round', async () => {
    const sonarrAsRadarr = radarrAt(sonarr.url, sonarr.apiKey);
    expect(await checkConnection('radarr', sonarrAsRadarr)).toEqual({
      ok: false,
      cause: 'wrong-app',
      message: expect.stringContaining('answers as Sonarr'),
    });
    radarr.fail({ mode: 'wrong-app' });
    expect(await checkConnection('sonarr', radarrAt(radarr.url))).toEqual({ ok: true, appName: 'Sonarr', version: '4.0.19.2979', instanceName: 'Sonarr' });
    expect(await checkConnection('radarr', radarrAt(radarr.url))).toMatchObject({ ok: false, cause: 'wrong-app' });
  });

  it('unauthorized', async () => {
    expect(await checkConnection('radarr', radarrAt(radarr.url, 'nope'))).toMatchObject({ ok: false, cause: 'unauthorized' });
  });

  it('timeout', async () => {
    radarr.fail({ mode: 'delay', ms: 5_000 });
    expect(await checkConnection('radarr', radarrAt(radarr.url, radarr.apiKey, 100))).toMatchObject({ ok: false, cause: 'timeout' });
  });

  it('unexpected-reply: garbage, an HTML page, a wrong URL base, a 500', async () => {
    radarr.fail({ mode: 'garbage', times: 1 });
    expect(await checkConnection('radarr', radarrAt(radarr.url))).toMatchObject({ ok: false, cause: 'unexpected-reply' });
    radarr.fail({ mode: 'html', times: 1 });
    expect(await checkConnection('radarr', radarrAt(radarr.url))).toMatchObject({ ok: false, cause: 'unexpected-reply' });
    expect(await checkConnection('radarr', radarrAt(radarr.url.replace('/radarr', '/wrong')))).toMatchObject({ ok: false, cause: 'unexpected-reply' });
    radarr.fail({ mode: 'status', status: 500 });
    const result = await checkConnection('radarr', radarrAt(radarr.url));
    expect(result).toMatchObject({ ok: false, cause: 'unexpected-reply', message: expect.stringContaining('HTTP 500') });
    expect(JSON.stringify(result)).not.toContain(radarr.apiKey);
  });

  it('unreachable and tls', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(await checkConnection('radarr', radarrAt(`http://127.0.0.1:${port}`))).toMatchObject({ ok: false, cause: 'unreachable' });
    expect(await checkConnection('radarr', radarrAt(radarr.url.replace('http:', 'https:')))).toMatchObject({ ok: false, cause: 'tls' });
  });

  it('a client that throws something else is an unexpected reply, not a crash', async () => {
    const broken = { systemStatus: () => Promise.reject(new Error('boom')) };
    expect(await checkConnection('sonarr', broken)).toEqual({ ok: false, cause: 'unexpected-reply', message: 'boom' });
  });
});
