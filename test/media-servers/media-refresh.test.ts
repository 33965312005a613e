// Promise: once a webhook-driven trailer is placed, each enabled media server hears exactly once
// about it, with the path as that server sees it; a failing server is shown unhealthy and retried
// while trailers keep being placed; the skip rule skips an item Plex already has a trailer for.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrFixture } from '../support/fake-arr-data.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { testBackend } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';
import { mediaStatus, startOutboundWorld, type OutboundWorld } from './outbound-world.ts';

describe(`media-server refreshes (${testBackend})`, () => {
  let world: OutboundWorld;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    world = await startOutboundWorld();
    const { api, plex, jellyfin, emby, movies, hooks } = world;
    const add = async (body: unknown) => {
      const reply = await api('POST', '/api/v1/mediaservers', body);
      expect(reply.status, reply.text).toBe(201);
      return reply.json.mediaServer.id as number;
    };
    ids['plex'] = await add({ name: 'Plex', kind: 'plex', baseUrl: plex.url, token: plex.token, pathMappings: [{ remotePrefix: '/data/movies', localPrefix: movies }] });
    ids['jellyfin'] = await add({ name: 'Jellyfin', kind: 'jellyfin', baseUrl: jellyfin.url, token: jellyfin.token, pathMappings: [{ remotePrefix: '/media/movies', localPrefix: movies }] });
    ids['emby'] = await add({ name: 'Emby', kind: 'emby', baseUrl: emby.url, token: emby.token, enabled: false });
    const discord = await api('POST', '/api/v1/notifications', { name: 'Discord', kind: 'discord', url: `${hooks.url}/api/webhooks/42/discord-token-abcdef123456`, events: ['trailer-placed'] });
    expect(discord.status, discord.text).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  it('tests each server and shows its name and version', async () => {
    const plex = await world.api('POST', `/api/v1/mediaservers/${ids['plex']}/test`);
    expect(plex.json).toMatchObject({ ok: true, serverName: 'Fake Plex', version: '1.41.3.9314' });
    const jellyfin = await world.api('POST', `/api/v1/mediaservers/${ids['jellyfin']}/test`);
    expect(jellyfin.json).toMatchObject({ ok: true, serverName: 'Fake jellyfin', version: '10.10.3' });
    const emby = await world.api('POST', `/api/v1/mediaservers/${ids['emby']}/test`);
    expect(emby.json).toMatchObject({ ok: true, serverName: 'Fake emby' });
    expect(world.emby.requests.map((r) => r.path)).toEqual(['/emby/System/Info']);
    const wrong = await world.api('POST', '/api/v1/mediaservers/test', { name: 'x', kind: 'plex', baseUrl: world.plex.url, token: 'wrong-token-123456' });
    expect(wrong.json).toMatchObject({ ok: false, cause: 'unauthorized' });
  });

  it('after a webhook-driven import, one refresh with the mapped path reaches each enabled server', async () => {
    const { mediaId, folder } = await world.addMovie('Alien', 1979, 'clipAlien01');
    const body = arrFixture('radarr', 'webhook-download');
    const movie = { ...(body['movie'] as object), id: 501, title: 'Alien', year: 1979, folderPath: '/movies/Alien (1979)' };
    const file = { ...(body['movieFile'] as object), relativePath: 'Alien (1979).mkv', path: '/movies/Alien (1979)/Alien (1979).mkv' };
    const reply = await postWebhook(`${world.svc.url}/webhooks/radarr`, { ...body, movie, movieFile: file }, { headers: { 'X-Api-Key': world.svc.apiKey } });
    expect(reply.status).toBe(202);
    await waitFor(async () => (await mediaStatus(world, mediaId))?.trailerStatus === 'have', { timeoutMs: 120_000, intervalMs: 200, what: 'the trailer' });
    expect(existsSync(join(folder, 'Alien (1979)-trailer.mkv'))).toBe(true);

    await waitFor(() => world.plex.refreshes().length > 0 && world.jellyfin.updates().length > 0 && world.hooks.messages('/api/webhooks/').length > 0, { timeoutMs: 30_000, what: 'the refreshes' });
    await world.outboxDrained();
    expect(world.plex.refreshes()).toEqual([{ section: '1', path: '/data/movies/Alien (1979)' }]);
    expect(world.jellyfin.updates()).toEqual([{ Path: '/media/movies/Alien (1979)/Alien (1979)-trailer.mkv', UpdateType: 'Created' }]);
    expect(world.emby.requests.filter((r) => r.path !== '/emby/System/Info')).toEqual([]);
    const [message] = world.hooks.messages('/api/webhooks/');
    expect((message as any).embeds[0].title).toBe('Trailer placed: Alien (1979)');
    expect(world.hooks.requests[0]!.path).toBe('/api/webhooks/42/discord-token-abcdef123456');
    const listed = await world.api('GET', '/api/v1/mediaservers');
    expect(listed.json.mediaServers.find((s: any) => s.name === 'Plex').health).toMatchObject({ ok: true, version: '1.41.3.9314' });
  }, 180_000);

  it('shows a failing server unhealthy and retries it while trailers keep being placed', async () => {
    world.jellyfin.server.fail({ mode: 'status', status: 500 });
    const { mediaId } = await world.addMovie('Dune', 2021, 'clipDune001');
    await world.svc.boss.send('trailer-fetch', { mediaId, reason: 'import' }, { priority: 10 });
    await waitFor(async () => (await mediaStatus(world, mediaId))?.trailerStatus === 'have', { timeoutMs: 120_000, intervalMs: 200, what: 'the trailer' });
    const health = async () => (await world.api('GET', `/api/v1/mediaservers/${ids['jellyfin']}`)).json.mediaServer.health;
    await waitFor(async () => (await health())?.ok === false, { timeoutMs: 30_000, intervalMs: 100, what: 'jellyfin to be unhealthy' });
    expect((await health()).message).toMatch(/HTTP 500/);
    expect((await health()).message).not.toContain(world.jellyfin.token);
    const dashboard = await world.api('GET', '/api/v1/mediaservers');
    expect(dashboard.json.mediaServers.find((s: any) => s.name === 'Jellyfin').health.ok).toBe(false);
    // Retried with backoff: more than one failed attempt arrives while it is down.
    await waitFor(() => world.jellyfin.requests.filter((r) => r.status === 500).length >= 2, { timeoutMs: 30_000, what: 'a retry' });
    // Plex was not held up by Jellyfin.
    expect(world.plex.refreshes()).toContainEqual({ section: '1', path: '/data/movies/Dune (2021)' });

    world.jellyfin.server.clearFailures();
    await waitFor(() => world.jellyfin.updates().some((u) => u.Path === '/media/movies/Dune (2021)/Dune (2021)-trailer.mkv'), { timeoutMs: 60_000, what: 'the retried refresh' });
    await waitFor(async () => (await health())?.ok === true, { timeoutMs: 10_000, what: 'jellyfin healthy again' });
  }, 180_000);

  it('times out a server that does not answer', async () => {
    const { mediaServerClient } = await import('../../src/media-servers/media-server-client.ts');
    world.plex.server.fail({ mode: 'hang' }, 1);
    const client = mediaServerClient({ name: 'Plex', kind: 'plex', baseUrl: world.plex.url, token: world.plex.token, timeoutMs: 300 });
    await expect(client.identify()).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('skips an item the media server already lists with a trailer, before any download', async () => {
    const changed = await world.api('PATCH', `/api/v1/mediaservers/${ids['plex']}`, { skipIfTrailer: true });
    expect(changed.json.mediaServer.skipIfTrailer).toBe(true);
    world.plex.withTrailer('/data/movies/Heat (1995)');
    const { mediaId, folder } = await world.addMovie('Heat', 1995, 'clipHeat001');
    await world.svc.boss.send('trailer-fetch', { mediaId, reason: 'backfill' });
    const row = await waitFor(async () => {
      const current = await mediaStatus(world, mediaId);
      return current?.trailerStatus === 'skipped' ? current : undefined;
    }, { timeoutMs: 60_000, intervalMs: 100, what: 'the item to be skipped' });
    expect(row.statusReason).toBe('Plex "Plex" already lists a trailer for this item');
    expect(world.clips.requests.some((request) => request.id === 'clipHeat001')).toBe(false);
    expect(existsSync(join(folder, 'Heat (1995)-trailer.mkv'))).toBe(false);
  }, 120_000);
});
