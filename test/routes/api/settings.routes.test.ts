import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../../src/db/settings-store.ts';
import { apiClient, type ApiInit } from '../../ui/api-client.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

const COOKIES = ['# Netscape HTTP Cookie File', '.youtube.com\tTRUE\t/\tTRUE\t1900000000\tSID\tsecret-cookie-value', ''].join('\n');

describe(`/api/v1/settings and /api/v1/profiles (${testBackend})`, () => {
  let svc: TestService;

  const api = (path: string, init?: ApiInit) => apiClient(svc)(path, init);

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('401 without the key on every group', async () => {
    for (const path of ['/api/v1/settings', '/api/v1/profiles', '/api/v1/profiles/1']) {
      expect((await fetch(`${svc.url}${path}`)).status, path).toBe(401);
    }
    expect((await fetch(`${svc.url}/api/v1/settings`, { method: 'PUT', body: '{}' })).status).toBe(401);
  });

  it('a partial update changes only the keys sent; the TMDB key is masked and a masked echo keeps it', async () => {
    const first = await api('/api/v1/settings', { method: 'PUT', json: { backfillPolicy: 'all', tmdbApiKey: 'tmdb-secret-abcdef123456' } });
    expect(first.status).toBe(200);
    const second = await api('/api/v1/settings', { method: 'PUT', json: { searchResultCount: 20 } });
    const view = (await second.json()) as Record<string, unknown>;
    expect(view).toMatchObject({ backfillPolicy: 'all', searchResultCount: 20, tmdbApiKey: '••••3456', cookiesFileUploaded: false });
    expect(JSON.stringify(view)).not.toContain('tmdb-secret');

    // The masked value sent back (a client that PUTs what it GOT) leaves the key alone.
    expect((await api('/api/v1/settings', { method: 'PUT', json: { ...view, cookiesFileUploaded: undefined } })).status).toBe(200);
    expect((await readSettings(svc.deps.database.db)).tmdbApiKey).toBe('tmdb-secret-abcdef123456');

    // null resets to the default.
    const reset = (await (await api('/api/v1/settings', { method: 'PUT', json: { backfillPolicy: null, tmdbApiKey: null } })).json()) as Record<string, unknown>;
    expect(reset).toMatchObject({ backfillPolicy: 'monitored', tmdbApiKey: null, searchResultCount: 20 });
  });

  it('a new sync interval re-schedules the reconcile at once; 0 turns it off', async () => {
    expect((await api('/api/v1/settings', { method: 'PUT', json: { reconcileIntervalHours: 12 } })).status).toBe(200);
    expect((await svc.boss.getSchedule('reconcile'))?.cron).toBe('FREQ=HOURLY;INTERVAL=12');
    expect((await api('/api/v1/settings', { method: 'PUT', json: { reconcileIntervalHours: 0 } })).status).toBe(200);
    expect(await svc.boss.getSchedule('reconcile')).toBeNull();
    expect((await api('/api/v1/settings', { method: 'PUT', json: { reconcileIntervalHours: null } })).status).toBe(200);
    expect((await svc.boss.getSchedule('reconcile'))?.cron).toBe('FREQ=HOURLY;INTERVAL=6');
  });

  it('refuses invalid settings with 400 and field issues, changing nothing', async () => {
    const before = await readSettings(svc.deps.database.db);
    const cases: Array<[unknown, string]> = [
      [{ backfillPolicy: 'sometimes' }, 'backfillPolicy'],
      [{ maxDurationSeconds: 'long' }, 'maxDurationSeconds'],
      [{ workerConcurrency: 99 }, 'workerConcurrency'],
      [{ minDurationSeconds: 400, maxDurationSeconds: 300 }, 'maxDurationSeconds'],
      [{ preferredLanguages: ['en', 'english'] }, 'preferredLanguages.1'],
      [{ preferredLanguages: ['en_US'] }, 'preferredLanguages.0'],
      [{ cookiesFile: '/etc/shadow' }, ''],
      [{ defaultProfileId: 3 }, ''],
      [{ noSuchSetting: true }, ''],
      [[1, 2], ''],
      [{ searchQueryTemplate: '{director} trailer' }, 'searchQueryTemplate'],
      [{ searchQueryTemplate: '{title}\u0000 trailer' }, 'searchQueryTemplate'],
      [{ languageMode: 'dub' }, 'languageMode'],
      [{ channelBlocklist: ['ok', 'bad\nline'] }, 'channelBlocklist.1'],
      [{ recheckBeforeReleaseHours: 0 }, 'recheckBeforeReleaseHours'],
    ];
    for (const [body, path] of cases) {
      const res = await api('/api/v1/settings', { method: 'PUT', json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const reply = (await res.json()) as { error: string; issues: Array<{ path: string }> };
      expect(reply.error).toBe('invalid_request');
      if (path) expect(reply.issues.map((i) => i.path)).toContain(path);
    }
    expect((await api('/api/v1/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"a":' })).status).toBe(400);
    expect((await api('/api/v1/settings', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect(await readSettings(svc.deps.database.db)).toEqual(before);
  });

  it('trailer-choice settings: defaults, then stored as sent', async () => {
    expect(await readSettings(svc.deps.database.db)).toMatchObject({
      languageMode: 'original',
      searchQueryTemplate: '{title} {year} {kind} trailer',
      includeMode: 'all',
      recheckBeforeReleaseHours: 24,
      recheckAfterReleaseHours: 168,
    });
    const update = { languageMode: 'original-subtitled', channelAllowlist: ['NEON', 'UCabc'], includeWords: ['official'], includeMode: 'any', searchQueryTemplate: '{original_title} {year} trailer', recheckAfterReleaseHours: 72 };
    const res = await api('/api/v1/settings', { method: 'PUT', json: update });
    expect(res.status).toBe(200);
    expect(await readSettings(svc.deps.database.db)).toMatchObject(update);
  });

  it('refuses yt-dlp extra arguments outside the allowlist at save, naming the option yt-dlp would run', async () => {
    const cases: Array<[string[], string]> = [
      [['--exec-before-downloa', 'id > /tmp/x #'], '--exec-before-download is not allowed'],
      [['--alias', 'zz', '--exec "id"', '--zz'], '--alias is not allowed'],
      [['--exec', 'id'], '--exec is not allowed'],
      [['--plugin-dirs', '/tmp'], '--plugin-dirs is not allowed'],
    ];
    for (const [ytdlpExtraArgs, message] of cases) {
      const res = await api('/api/v1/settings', { method: 'PUT', json: { ytdlpExtraArgs } });
      expect(res.status, ytdlpExtraArgs.join(' ')).toBe(400);
      const reply = (await res.json()) as { message: string; issues: Array<{ path: string; message: string }> };
      expect(reply.issues[0]).toMatchObject({ path: 'ytdlpExtraArgs', message: expect.stringContaining(message) });
    }
    expect((await readSettings(svc.deps.database.db)).ytdlpExtraArgs).toEqual([]);
    const ok = await api('/api/v1/settings', { method: 'PUT', json: { ytdlpExtraArgs: ['--limit-r', '5M', '--extractor-args', 'youtube:player_client=web'] } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ytdlpExtraArgs: string[] }).ytdlpExtraArgs).toEqual(['--limit-r', '5M', '--extractor-args', 'youtube:player_client=web']);
    await api('/api/v1/settings', { method: 'PUT', json: { ytdlpExtraArgs: null } });
  });

  it('stores an uploaded cookies file privately and never shows it back', async () => {
    const bad = await api('/api/v1/settings/cookies', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'just some text\nwithout tabs' });
    expect(bad.status).toBe(400);
    const ok = await api('/api/v1/settings/cookies', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: COOKIES });
    expect(ok.status).toBe(200);
    const settings = await readSettings(svc.deps.database.db);
    expect(settings.cookiesFile).toBe(join(svc.database.dataDir, 'cookies.txt'));
    expect(readFileSync(settings.cookiesFile!, 'utf8')).toBe(COOKIES);
    expect(statSync(settings.cookiesFile!).mode & 0o777).toBe(0o600);
    const view = await (await api('/api/v1/settings')).text();
    expect(JSON.parse(view)).toMatchObject({ cookiesFileUploaded: true });
    expect(view).not.toContain('secret-cookie-value');
    expect(view).not.toContain('cookies.txt');

    expect((await api('/api/v1/settings/cookies', { method: 'DELETE' })).status).toBe(200);
    expect(existsSync(settings.cookiesFile!)).toBe(false);
    expect((await readSettings(svc.deps.database.db)).cookiesFile).toBeUndefined();
  });

  it('profiles: create, read, update, default, delete, with 400/404/409 where due', async () => {
    const created = await api('/api/v1/profiles', { method: 'POST', json: { name: '4K HEVC', videoCodec: 'hevc', maxHeight: 2160, crf: 24 } });
    expect(created.status).toBe(201);
    const profile = (await created.json()) as { id: number; container: string; audioCodec: string; isDefault: boolean };
    expect(profile).toMatchObject({ container: 'mkv', audioCodec: 'aac' });

    expect((await api('/api/v1/profiles', { method: 'POST', json: { name: '4k hevc' } })).status).toBe(409); // names are compared ignoring case (issue #21)
    expect((await api('/api/v1/profiles', { method: 'POST', json: { name: '4K HEVC' } })).status).toBe(409);
    const incompatible = await api('/api/v1/profiles', { method: 'POST', json: { name: 'Web', container: 'webm', videoCodec: 'h264', audioCodec: 'aac' } });
    expect(incompatible.status).toBe(400);
    expect(((await incompatible.json()) as { issues: Array<{ path: string }> }).issues.map((i) => i.path).sort()).toEqual(['audioCodec', 'videoCodec']);
    expect((await api('/api/v1/profiles', { method: 'POST', json: { name: 'x', crf: 99 } })).status).toBe(400);
    expect((await api('/api/v1/profiles', { method: 'POST', json: { name: 'x', bogus: 1 } })).status).toBe(400);

    expect((await api(`/api/v1/profiles/${profile.id}`)).status).toBe(200);
    expect((await api('/api/v1/profiles/99999')).status).toBe(404);
    expect((await api('/api/v1/profiles/x')).status).toBe(400);

    const updated = await api(`/api/v1/profiles/${profile.id}`, { method: 'PUT', json: { crf: 20, isDefault: true } });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ crf: 20, isDefault: true, videoCodec: 'hevc' });
    const all = (await (await api('/api/v1/profiles')).json()) as Array<{ id: number; isDefault: boolean }>;
    expect(all.filter((p) => p.isDefault).map((p) => p.id)).toEqual([profile.id]);
    expect((await readSettings(svc.deps.database.db)).defaultProfileId).toBe(profile.id);
    // Merged with the stored profile, the change must still make sense.
    expect((await api(`/api/v1/profiles/${profile.id}`, { method: 'PUT', json: { container: 'webm' } })).status).toBe(400);

    expect((await api(`/api/v1/profiles/${profile.id}`, { method: 'DELETE' })).status).toBe(409);
    const other = all.find((p) => p.id !== profile.id)!;
    expect((await api(`/api/v1/profiles/${other.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/api/v1/profiles/${other.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});
