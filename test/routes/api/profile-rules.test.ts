/**
 * Profiles decide what to fetch (issue #19): kind, scope, language rule, subtitles, applies to and
 * enabled through /api/v1/profiles, each rule between them a 400 naming its field, and a profile
 * that still has files on disk cannot be deleted (409) but can be disabled, keeping its files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trailers, trailerProfiles } from '../../../src/db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { apiClient, type ApiInit } from '../../ui/api-client.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

type Issue = { path: string; message: string };

describe(`profile rules through /api/v1/profiles (${testBackend})`, () => {
  let svc: TestService;
  let radarrId: number;
  const api = (path: string, init?: ApiInit) => apiClient(svc)(path, init);
  const db = () => svc.deps.database.db;

  /** The 400's issues of a refused create or update. */
  async function refused(path: string, method: 'POST' | 'PUT', json: unknown): Promise<Issue[]> {
    const res = await api(path, { method, json });
    const body = (await res.json()) as { error: string; issues?: Issue[] };
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.error).toBe('invalid_request');
    return body.issues ?? [];
  }
  const create = (json: Record<string, unknown>) => refused('/api/v1/profiles', 'POST', { name: 'Extra', ...json });

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    radarrId = (await seedConnection(db(), { name: '4K Radarr' })).id;
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('creates a featurette profile for 4K movies with subtitles, and reads it back', async () => {
    const res = await api('/api/v1/profiles', {
      method: 'POST',
      json: {
        name: 'Featurettes',
        kind: 'featurette',
        languageRule: 'original-subtitled',
        subtitles: { languages: ['en', 'pt-BR', 'en'], automatic: true },
        appliesTo: { mediaKinds: ['movie'], connectionIds: [radarrId], tags: ['4k', 'Kids', 'kids'] },
      },
    });
    expect(res.status).toBe(201);
    const profile = await res.json();
    expect(profile).toMatchObject({
      kind: 'featurette',
      scope: 'item',
      languageRule: 'original-subtitled',
      enabled: true,
      isDefault: false,
      // Repeats dropped (tags compared ignoring case, as the plan compares them).
      subtitles: { languages: ['en', 'pt-BR'], automatic: true },
      appliesTo: { mediaKinds: ['movie'], connectionIds: [radarrId], tags: ['4k', 'kids'] },
    });
    // Defaults: a trailer for every item, following the Trailer choice settings, no subtitles.
    const plain = (await (await api('/api/v1/profiles', { method: 'POST', json: { name: 'Plain' } })).json()) as Record<string, unknown>;
    expect(plain).toMatchObject({ kind: 'trailer', scope: 'item', languageRule: 'settings', subtitles: null, appliesTo: { mediaKinds: [], connectionIds: [], tags: [] }, enabled: true });
  });

  it('holds the default profile to enabled, kind trailer and whole item', async () => {
    const [main] = await db().select().from(trailerProfiles).where(eq(trailerProfiles.isDefault, true));
    const path = `/api/v1/profiles/${main!.id}`;
    expect(await refused(path, 'PUT', { enabled: false })).toEqual([{ path: 'enabled', message: expect.stringContaining('stays enabled') }]);
    expect(await refused(path, 'PUT', { kind: 'teaser' })).toEqual([{ path: 'kind', message: expect.stringContaining('its kind is Trailer') }]);
    expect(await refused(path, 'PUT', { scope: 'season' })).toEqual([{ path: 'scope', message: expect.stringContaining('whole item') }]);
    // Making a featurette profile the default is the same mistake.
    expect(await create({ kind: 'featurette', isDefault: true })).toEqual([{ path: 'kind', message: expect.stringContaining('its kind is Trailer') }]);
    const [stored] = await db().select().from(trailerProfiles).where(eq(trailerProfiles.id, main!.id));
    expect(stored).toMatchObject({ enabled: true, kind: 'trailer', scope: 'item' });
  });

  it('theme music: whole item only, no subtitles, and the conversion fields are not checked', async () => {
    expect(await create({ kind: 'theme-music', scope: 'season' })).toEqual([{ path: 'scope', message: 'Theme music is one file per movie or series; choose the whole item.' }]);
    expect(await create({ kind: 'theme-music', subtitles: { languages: ['en'] } })).toEqual([{ path: 'subtitles', message: 'Theme music is audio only; it has no subtitles.' }]);
    // webm + h264 is refused for video, but theme music is an MP3 whatever the fields say.
    expect(await create({ kind: 'trailer', container: 'webm', videoCodec: 'h264', audioCodec: 'opus' })).toEqual([{ path: 'videoCodec', message: expect.stringContaining('webm holds only vp9 or av1') }]);
    const theme = await api('/api/v1/profiles', { method: 'POST', json: { name: 'Theme', kind: 'theme-music', container: 'webm', videoCodec: 'h264', audioCodec: 'opus' } });
    expect(theme.status).toBe(201);
  });

  it('season scope only for trailers, teasers and clips', async () => {
    for (const kind of ['featurette', 'behind-the-scenes', 'interview']) {
      expect(await create({ kind, scope: 'season' }), kind).toEqual([{ path: 'scope', message: expect.stringContaining('Only trailers, teasers and clips come per season') }]);
    }
    for (const kind of ['trailer', 'teaser', 'clip']) {
      const res = await api('/api/v1/profiles', { method: 'POST', json: { name: `Season ${kind}`, kind, scope: 'season', appliesTo: { mediaKinds: ['series'] } } });
      expect(res.status, kind).toBe(201);
    }
  });

  it('subtitles: BCP 47 languages like the preferred languages, at least one', async () => {
    expect(await create({ subtitles: { languages: ['english'] } })).toEqual([{ path: 'subtitles.languages.0', message: expect.stringContaining('"english"') }]);
    expect(await create({ subtitles: { languages: ['en_US'] } })).toEqual([{ path: 'subtitles.languages.0', message: expect.stringContaining('"en_US"') }]);
    expect(await create({ subtitles: { languages: [], automatic: true } })).toEqual([{ path: 'subtitles.languages', message: 'Name at least one subtitle language, or turn subtitles off' }]);
    expect((await create({ subtitles: { languages: Array.from({ length: 21 }, () => 'en') } }))[0]?.path).toBe('subtitles.languages');
  });

  it('applies to: known connections only, at most 20 tags of at most 50 allowed characters', async () => {
    expect(await create({ appliesTo: { connectionIds: [radarrId, 987654] } })).toEqual([{ path: 'appliesTo.connectionIds', message: expect.stringContaining('No connection with id 987654') }]);
    expect(await create({ appliesTo: { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } })).toEqual([{ path: 'appliesTo.tags', message: 'at most 20 tags' }]);
    expect(await create({ appliesTo: { tags: ['x'.repeat(51)] } })).toEqual([{ path: 'appliesTo.tags.0', message: 'a tag has at most 50 characters' }]);
    for (const tag of ['4k;drop', '$(id)', '../x', '<b>']) {
      expect(await create({ appliesTo: { tags: [tag] } }), tag).toEqual([{ path: 'appliesTo.tags.0', message: expect.stringContaining('letters, digits') }]);
    }
    expect(await create({ appliesTo: { mediaKinds: ['anime'] } })).toEqual([{ path: 'appliesTo.mediaKinds.0', message: 'must be movie or series' }]);
    expect(await create({ appliesTo: { other: 1 } })).toHaveLength(1);
  });

  it('a profile with files on disk: delete is 409, disabling keeps the files, then deleting the files lets it go', async () => {
    const created = (await (await api('/api/v1/profiles', { method: 'POST', json: { name: 'BTS', kind: 'behind-the-scenes' } })).json()) as { id: number };
    const item = await seedMedia(db(), radarrId, { title: 'Arrival' });
    const [file] = await db()
      .insert(trailers)
      .values({ mediaId: item.id, profileId: created.id, path: '/movies/Arrival/Behind The Scenes/Arrival.mkv', sizeBytes: 1000, mtimeMs: 1, sourceUrl: 'http://127.0.0.1:9/x' })
      .returning();
    const res = await api(`/api/v1/profiles/${created.id}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'has_files', message: expect.stringContaining('disable it instead, or delete its files first') });

    expect((await api(`/api/v1/profiles/${created.id}`, { method: 'PUT', json: { enabled: false } })).status).toBe(200);
    const [kept] = await db().select().from(trailers).where(eq(trailers.id, file!.id));
    expect(kept).toMatchObject({ state: 'present', profileId: created.id });

    await db().update(trailers).set({ state: 'removed' }).where(eq(trailers.id, file!.id));
    expect((await api(`/api/v1/profiles/${created.id}`, { method: 'DELETE' })).status).toBe(200);
  });
  it('PUT is a partial update at every level: appliesTo keeps the lists not sent, and the API document says so', async () => {
    const created = (await (
      await api('/api/v1/profiles', { method: 'POST', json: { name: 'Clips for 4K', kind: 'clip', appliesTo: { mediaKinds: ['movie'], connectionIds: [radarrId], tags: ['4k'] } } })
    ).json()) as { id: number };
    const path = `/api/v1/profiles/${created.id}`;
    const put = async (json: unknown) => {
      const res = await api(path, { method: 'PUT', json });
      expect(res.status).toBe(200);
      return ((await res.json()) as { appliesTo: unknown }).appliesTo;
    };
    expect(await put({ appliesTo: { tags: ['kids', 'Anime'] } })).toEqual({ mediaKinds: ['movie'], connectionIds: [radarrId], tags: ['kids', 'Anime'] });
    expect(await put({ appliesTo: { mediaKinds: ['movie', 'series'] } })).toEqual({ mediaKinds: ['movie', 'series'], connectionIds: [radarrId], tags: ['kids', 'Anime'] });
    // An empty list clears that list only; an empty object changes nothing.
    expect(await put({ appliesTo: { connectionIds: [] } })).toEqual({ mediaKinds: ['movie', 'series'], connectionIds: [], tags: ['kids', 'Anime'] });
    expect(await put({ appliesTo: {} })).toEqual({ mediaKinds: ['movie', 'series'], connectionIds: [], tags: ['kids', 'Anime'] });
    const [stored] = await db().select().from(trailerProfiles).where(eq(trailerProfiles.id, created.id));
    expect(stored!.appliesTo).toEqual({ mediaKinds: ['movie', 'series'], connectionIds: [], tags: ['kids', 'Anime'] });
    // Each list is still checked, and unknown keys refused.
    expect(await refused(path, 'PUT', { appliesTo: { tags: ['no/slash'] } })).toEqual([{ path: 'appliesTo.tags.0', message: expect.stringContaining('letters, digits') }]);
    expect(await refused(path, 'PUT', { appliesTo: { other: [] } })).toHaveLength(1);
    expect(await refused(path, 'PUT', { appliesTo: { connectionIds: [987654] } })).toEqual([{ path: 'appliesTo.connectionIds', message: expect.stringContaining('No connection with id 987654') }]);

    const doc = (await (await api('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { description?: string }>> };
    expect(doc.paths['/api/v1/profiles/{id}']!['put']!.description).toMatch(/partial update at every level.*`\{"appliesTo": \{"tags": \["4k"\]\}\}` changes only the tags/);
  });
});
