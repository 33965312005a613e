// The dashboard's Health panel (the doctor's checks, with the managed yt-dlp's version), the
// YouTube block banner, and the Logs page (level/text filter, download, secrets redacted).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAdmin } from '../../../src/auth/admin-account.ts';
import { createSession } from '../../../src/auth/sessions.ts';
import { classifyDownloadError } from '../../../src/domain/download-error.ts';
import { RateLimitGate } from '../../../src/pipeline/rate-limit-gate.ts';
import { readUpdateStatus, managedPaths } from '../../../src/ytdlp-updater/managed-ytdlp.ts';
import { startFakeRelease, type FakeRelease } from '../../support/fake-release.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { waitFor } from '../../support/wait-for.ts';

/** A release dated today, so the doctor finds nothing to warn about its age. */
const TODAY = new Date().toISOString().slice(0, 10).replaceAll('-', '.');
const SECRET = 'tmdb-secret-0123456789abcdef';

describe(`system pages (${testBackend})`, () => {
  let svc: TestService;
  let release: FakeRelease;
  let cookie = '';
  const get = (p: string) => fetch(`${svc.url}${p}`, { redirect: 'manual', headers: { cookie } });

  beforeAll(async () => {
    release = await startFakeRelease();
    release.publish(TODAY);
    svc = await startTestService({ workers: () => [], env: { YTDLP_UPDATES: 'stable', YTDLP_RELEASE_URL: release.url } });
    const db = svc.deps.database.db;
    const admin = await createFirstAdmin(db, 'admin', 'a long enough password');
    if (!admin.ok) throw new Error('no admin');
    cookie = `previewarr_session=${(await createSession(db, admin.userId)).cookieValue}`;
    await waitFor(async () => (await readUpdateStatus(managedPaths(svc.database.dataDir)))?.version, { timeoutMs: 60_000, what: 'the managed yt-dlp install' });
  }, 180_000);

  afterAll(async () => {
    await svc?.stop();
    await release?.close();
  });

  it('the dashboard loads the Health panel, which shows the managed yt-dlp and every check', async () => {
    const dashboard = await (await get('/')).text();
    expect(dashboard).toContain('hx-get="/system/health"');
    const res = await get('/system/health');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`data-check="yt-dlp" data-status="ok">.*${TODAY.replaceAll('.', '\\.')}, managed copy \\(stable channel\\)`, 's'));
    expect(html).toMatch(/data-check="Database" data-status="ok">.*every migration applied/s);
    expect(html).toMatch(/data-check="Data folder" data-status="ok"/);
    expect(html).toMatch(/data-check="Connections" data-status="warn">.*no Radarr or Sonarr connection yet.*Settings → Connections/s);
    expect(html).not.toContain('data-status="fail"');
  });

  it('a bot check seen by a download shows the banner with what to do', async () => {
    const stderr = readFileSync(path.join(import.meta.dirname, '../../fixtures/ytdlp/bot-check.txt'), 'utf8');
    const failure = classifyDownloadError({ exitCode: 1, stderr });
    await new RateLimitGate(svc.deps.database.db, { clock: Date }).reportRateLimited(failure.reason);
    const html = await (await get('/')).text();
    expect(html).toMatch(/Downloads are paused<\/strong>: YouTube asked us to slow down \(YouTube asks to confirm this is not a bot\)\. They resume in (?:a minute|\d+ minutes)\./);
    expect(html).toContain('data-block="bot-check"');
    expect(html).toContain('Upload a cookies.txt exported from a browser signed in to YouTube');
  });

  it('the Logs page filters by level and text, redacts secrets, and downloads', async () => {
    svc.deps.logger.warn({ tmdbApiKey: SECRET, title: 'Heat' }, 'logs-page marker warning');
    svc.deps.logger.info('logs-page marker info');
    const page = await get('/system/logs?level=warn&q=LOGS-PAGE');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('logs-page marker warning');
    expect(html).not.toContain('logs-page marker info');
    expect(html).toContain('[redacted]');
    expect(html).not.toContain(SECRET);

    const all = await (await get('/system/logs?q=logs-page')).text();
    expect(all).toContain('logs-page marker info');

    const download = await get('/system/logs/download?level=info&q=logs-page');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="previewarr-.*\.log"$/);
    const lines = (await download.text()).trim().split('\n').map((line) => JSON.parse(line) as { msg: string; tmdbApiKey?: string });
    // The request log lines match too: their URLs carry the search text.
    const markers = lines.filter((line) => line.msg.startsWith('logs-page marker'));
    expect(markers.map((line) => line.msg)).toEqual(['logs-page marker warning', 'logs-page marker info']);
    expect(markers[0]?.tmdbApiKey).toBe('[redacted]');

    expect((await get('/system/logs?level=loud')).status).toBe(400);
    expect((await get(`/system/logs?q=${encodeURIComponent('a\u0007b')}`)).status).toBe(400);
  });

  it('needs a session like every page', async () => {
    for (const p of ['/system/health', '/system/logs', '/system/logs/download']) {
      const res = await fetch(`${svc.url}${p}`, { redirect: 'manual' });
      expect(res.status, p).toBe(303);
      expect(res.headers.get('location'), p).toMatch(/^\/login/);
    }
  });
});
