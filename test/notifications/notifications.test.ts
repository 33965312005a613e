// Promise: a burst of 50 imports becomes coalesced refreshes and one notification summary; every
// service gets its own request shape; a failing target is retried and never affects the pipeline;
// secrets never appear in logs, replies or pages.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections } from '../../src/db/schema/index.ts';
import { trailerPlaced } from '../../src/outbound/trailer-events.ts';
import { outboundDepsOf } from '../../src/outbound/outbound-deps.ts';
import { createAdmin } from '../guarantees/admin-session.ts';
import { testBackend } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';
import { mediaStatus, startOutboundWorld, type OutboundWorld } from '../media-servers/outbound-world.ts';

const SECRETS = {
  discord: 'discord-token-burst-0123456789',
  telegram: '123456:telegram-bot-token-abcdef',
  gotify: 'gotify-app-token-A1B2C3D4',
  pushoverToken: 'pushover-app-token-abcdefghij',
  pushoverUser: 'pushover-user-key-zyxwvu',
  ntfy: 'tk_ntfy-access-token-0123',
};

describe(`notifications and coalescing (${testBackend})`, () => {
  let world: OutboundWorld;
  let jellyfinId: number;
  let plexId: number;

  beforeAll(async () => {
    world = await startOutboundWorld({ delaySeconds: 4 });
    const { api, hooks, movies } = world;
    const plex = await api('POST', '/api/v1/mediaservers', { name: 'Plex', kind: 'plex', baseUrl: world.plex.url, token: world.plex.token, pathMappings: [{ remotePrefix: '/data/movies', localPrefix: movies }] });
    plexId = plex.json.mediaServer.id;
    const jf = await api('POST', '/api/v1/mediaservers', { name: 'Jellyfin', kind: 'jellyfin', baseUrl: world.jellyfin.url, token: world.jellyfin.token });
    jellyfinId = jf.json.mediaServer.id;
    const targets = [
      { name: 'Discord', kind: 'discord', url: `${hooks.url}/api/webhooks/7/${SECRETS.discord}` },
      { name: 'Telegram', kind: 'telegram', url: hooks.url, secret: SECRETS.telegram, recipient: '-100200300' },
      { name: 'ntfy', kind: 'ntfy', url: `${hooks.url}/trailers`, secret: SECRETS.ntfy },
      { name: 'Gotify', kind: 'gotify', url: `${hooks.url}/gotify`, secret: SECRETS.gotify },
      { name: 'Pushover', kind: 'pushover', url: hooks.url, secret: SECRETS.pushoverToken, recipient: SECRETS.pushoverUser },
      { name: 'Apprise', kind: 'apprise', url: `${hooks.url}/notify/previewarr`, recipient: 'movies' },
      { name: 'Webhook', kind: 'webhook', url: `${hooks.url}/hook` },
    ];
    for (const target of targets) {
      const reply = await api('POST', '/api/v1/notifications', { ...target, events: ['trailer-placed', 'trailer-replaced'] });
      expect(reply.status, reply.text).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  // The same burst through real webhooks and downloads: webhook-burst.test.ts. This one calls the
  // placement hook directly, to check every target's summary request shape in a few seconds.
  it('turns 50 placements in 10 folders into one refresh per folder and one summary per target', async () => {
    const deps = outboundDepsOf(world.svc.deps);
    // 50 placements in 10 folders: five trailers replaced in turn in each folder.
    const burst = Array.from({ length: 50 }, (_, i) => {
      const folder = `${world.movies}/Movie ${i % 10} (2000)`;
      return trailerPlaced(deps, { title: `Movie ${i % 10}`, year: 2000 }, `${folder}/Movie ${i % 10} (2000)-trailer.mkv`);
    });
    await Promise.all(burst);
    await waitFor(() => world.hooks.messages('/hook').length > 0 && world.plex.refreshes().length >= 10, { timeoutMs: 60_000, what: 'the summary' });
    await world.outboxDrained();

    const refreshed = world.plex.refreshes().map((r) => r.path).sort();
    expect(refreshed).toEqual(Array.from({ length: 10 }, (_, i) => `/data/movies/Movie ${i} (2000)`).sort());
    const posts = world.jellyfin.requests.filter((r) => r.path === '/Library/Media/Updated');
    expect(posts).toHaveLength(1);
    expect(world.jellyfin.updates()).toHaveLength(10);

    const webhook = world.hooks.messages('/hook');
    expect(webhook).toHaveLength(1);
    expect(webhook[0]).toMatchObject({ source: 'previewarr', title: 'Previewarr: 50 updates', level: 'success' });
    expect(String(webhook[0]!['message'])).toContain('Trailer placed ×50');
    expect(world.hooks.messages('/api/webhooks/7/')).toHaveLength(1);
    const [telegram] = world.hooks.messages(`/bot${SECRETS.telegram}/sendMessage`);
    expect(telegram).toMatchObject({ chat_id: '-100200300', parse_mode: 'HTML' });
    expect(world.hooks.messages('/trailers')).toEqual([]);
    const ntfy = world.hooks.requests.filter((r) => r.path === '/' && r.body.includes('"topic":"trailers"'));
    expect(ntfy).toHaveLength(1);
    expect(ntfy[0]!.headers['authorization']).toBe(`Bearer ${SECRETS.ntfy}`);
    const gotify = world.hooks.requests.filter((r) => r.path === '/gotify/message');
    expect(gotify.map((r) => r.headers['x-gotify-key'])).toEqual([SECRETS.gotify]);
    expect(world.hooks.messages('/1/messages.json')).toMatchObject([{ token: SECRETS.pushoverToken, user: SECRETS.pushoverUser }]);
    expect(world.hooks.messages('/notify/previewarr')).toMatchObject([{ type: 'success', tag: 'movies', title: 'Previewarr: 50 updates' }]);
  }, 120_000);

  it('retries a failing target with backoff and keeps its messages until they go out', async () => {
    world.hooks.fail({ mode: 'status', status: 503 }, 7);
    const deps = outboundDepsOf(world.svc.deps);
    await trailerPlaced(deps, { title: 'Heat', year: 1995 }, `${world.movies}/Heat (1995)/Heat (1995)-trailer.mkv`);
    await waitFor(() => world.hooks.messages('/hook').some((m) => m['title'] === 'Trailer placed: Heat (1995)'), { timeoutMs: 60_000, what: 'the retried message' });
    expect(world.hooks.requests.filter((r) => r.status === 503)).toHaveLength(7);
    await world.outboxDrained();
  }, 90_000);

  it('puts the movie\'s poster (the remote URL the Arr named) in a single Discord message', async () => {
    const poster = 'https://image.tmdb.org/t/p/original/ronin-poster-1998.jpg';
    const { mediaId } = await world.addMovie('Ronin', 1998, 'clipRonin01', { posterRemoteUrl: poster, posterPath: '/MediaCover/9001/poster.jpg' });
    const before = world.hooks.messages('/api/webhooks/7/').length;
    await world.svc.boss.send('trailer-fetch', { mediaId, reason: 'import' }, { priority: 10 });
    await waitFor(() => world.hooks.messages('/api/webhooks/7/').length > before, { timeoutMs: 60_000, what: 'the Discord message' });
    const [message] = world.hooks.messages('/api/webhooks/7/').slice(before);
    const embed = (message!['embeds'] as Array<Record<string, any>>)[0]!;
    expect(embed['title']).toBe('Trailer placed: Ronin (1998)');
    expect(embed['thumbnail']).toEqual({ url: poster });
    // ntfy (its own job) shows it as the notification's picture.
    const ntfy = await waitFor(() => world.hooks.requests.find((r) => r.path === '/' && r.body.includes('Ronin')), { timeoutMs: 30_000, what: 'the ntfy message' });
    expect(JSON.parse(ntfy.body)).toMatchObject({ attach: poster });
    await world.outboxDrained();
  }, 90_000);

  it('never shows a secret in replies, pages or logs', async () => {
    const admin = await createAdmin(world.svc);
    const secrets = [...Object.values(SECRETS), world.plex.token, world.jellyfin.token];
    const bodies: string[] = [];
    for (const path of ['/api/v1/notifications', '/api/v1/mediaservers', `/api/v1/mediaservers/${plexId}`, `/api/v1/mediaservers/${jellyfinId}`]) bodies.push((await world.api('GET', path)).text);
    for (const path of ['/settings/media-servers', '/settings/notifications', '/']) {
      const page = await fetch(`${world.svc.url}${path}`, { headers: { Cookie: admin.cookie } });
      expect(page.status).toBe(200);
      bodies.push(await page.text());
    }
    // A failing server that echoes the token it got: the stored health message must not carry it.
    world.jellyfin.server.fail({ mode: 'status', status: 500 }, 1);
    bodies.push((await world.api('POST', `/api/v1/mediaservers/${jellyfinId}/test`)).text);
    const masked = await world.api('GET', '/api/v1/notifications');
    expect(masked.json.notifications.find((n: any) => n.name === 'Discord').secret).toMatch(/^••••/);
    for (const secret of secrets) {
      for (const body of bodies) expect(body).not.toContain(secret);
      expect(world.svc.rawLogs.join('\n')).not.toContain(secret);
    }
  }, 60_000);

  it('asks for the secret again when the address moves to another server', async () => {
    const list = await world.api('GET', '/api/v1/mediaservers');
    const plex = list.json.mediaServers.find((s: any) => s.name === 'Plex');
    const moved = await world.api('PATCH', `/api/v1/mediaservers/${plex.id}`, { baseUrl: 'http://127.0.0.2:32400', token: plex.token });
    expect(moved.status).toBe(400);
    expect(moved.json.message).toMatch(/enter the secret again/);
    const samePlace = await world.api('PATCH', `/api/v1/mediaservers/${plex.id}`, { baseUrl: `${world.plex.url}/`, token: plex.token, name: 'Plex Main' });
    expect(samePlace.status).toBe(200);
    const test = await world.api('POST', `/api/v1/mediaservers/${plex.id}/test`);
    expect(test.json.ok).toBe(true);
  });

  it('tells a target that asked for it when a YouTube cool-off starts, and the trailer job goes on', async () => {
    const added = await world.api('POST', '/api/v1/notifications', { name: 'Ops', kind: 'webhook', url: `${world.hooks.url}/ops`, events: ['cool-off-started'] });
    expect(added.status, added.text).toBe(201);
    world.clips.behave('clipLimit01', { kind: 'status', status: 429, retryAfterSeconds: 60 });
    const { mediaId } = await world.addMovie('Limited', 2001, 'clipLimit01');
    await world.svc.boss.send('trailer-fetch', { mediaId, reason: 'import' }, { priority: 10 });
    await waitFor(() => world.hooks.messages('/ops').length > 0, { timeoutMs: 60_000, what: 'the cool-off notification' });
    const [message] = world.hooks.messages('/ops');
    expect(message).toMatchObject({ title: 'YouTube cool-off started', level: 'warning' });
    expect(String(message!['message'])).toContain('429');
    // The item waits for the cool-off (re-scheduled), it did not fail.
    await waitFor(async () => (await mediaStatus(world, mediaId))?.trailerStatus === 'queued', { timeoutMs: 10_000, what: 'the item to wait for the cool-off' });
    expect((await mediaStatus(world, mediaId))?.statusReason).toContain('429');
  }, 90_000);

  it('tells a target when a Radarr connection starts failing', async () => {
    const added = await world.api('POST', '/api/v1/notifications', { name: 'Arr watch', kind: 'webhook', url: `${world.hooks.url}/arr`, events: ['connection-failing'] });
    expect(added.status, added.text).toBe(201);
    const db = world.svc.deps.database.db;
    await db.update(connections).set({ health: { ok: true, checkedAt: new Date().toISOString(), message: 'Connected.' } }).where(eq(connections.id, world.connectionId));
    const sync = await world.api('POST', `/api/v1/sync?connectionId=${world.connectionId}`);
    expect(sync.status, sync.text).toBeLessThan(300);
    await waitFor(() => world.hooks.messages('/arr').length > 0, { timeoutMs: 60_000, what: 'the connection-failing notification' });
    const [message] = world.hooks.messages('/arr');
    expect(message).toMatchObject({ title: 'Connection failing: Radarr "Radarr"', level: 'failure' });
    expect(String(message!['message'])).not.toContain('radarr-key-outbound');
  }, 90_000);
});

