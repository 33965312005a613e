/**
 * What the pages say (issue #21, items 6, 9 and 10): status badges name the stage at work, no
 * button offers what cannot be done now, finished rows leave the activity panel soon and few at a
 * time, times inside reasons become <time> elements, counts agree in number, filters and badges
 * use words, the first-run form states each rule once and refuses one-letter user names.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINISHED_SHOWN } from '../../../src/admin/dashboard-queries.ts';
import { jobProgress, trailers, webhookEvents } from '../../../src/db/schema/index.ts';
import { shortTime } from '../../../src/pipeline/fetch-outcome.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';
import { signedInPages, type PageClient } from '../../ui/page-client.ts';
import { WEBHOOK_TRIGGERS } from '../../../views/webhook-help.tsx';
import { seedConnection, seedMedia } from '../../ui/seed.ts';

/** Text of an HTML fragment without tags, whitespace collapsed. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe(`page wording (${testBackend})`, () => {
  let svc: TestService;
  let pages: PageClient;

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
  });
  afterAll(async () => {
    await svc?.stop();
  });

  const db = () => svc.deps.database.db;

  it('first-run form: the password rule once, and no one-letter user name', async () => {
    const first = await fetch(`${svc.url}/setup`, { redirect: 'manual' });
    const token = /previewarr_form=([^;]+)/.exec(first.headers.getSetCookie().join('\n'))?.[1] ?? '';
    const setup = (fields: Record<string, string>) =>
      fetch(`${svc.url}/setup`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `previewarr_form=${token}` },
        body: new URLSearchParams({ ...fields, _csrf: token }).toString(),
      });
    const short = await setup({ username: 'admin', password: 'short', confirm: 'short' });
    expect(short.status).toBe(422);
    expect(textOf(await short.text()).match(/At least 10 characters/g)).toHaveLength(1);
    const oneLetter = await setup({ username: 'a', password: 'a long enough password', confirm: 'a long enough password' });
    expect(oneLetter.status).toBe(422);
    expect(await oneLetter.text()).toContain('At least 3 characters');
    const control = await setup({ username: 'ad\u0007min', password: 'a long enough password', confirm: 'a long enough password' });
    expect(control.status).toBe(400); // control characters are refused before any form is read (issue #15)
    pages = await signedInPages(svc);
  });

  it('names the stage at work, and offers no fetch or delete while it runs', async () => {
    const conn = await seedConnection(db());
    const searching = await seedMedia(db(), conn.id, { title: 'Searching film', trailerStatus: 'downloading' });
    await db().insert(jobProgress).values({ mediaId: searching.id, stage: 'searching', detail: 'asking YouTube' });
    await db().insert(trailers).values({ mediaId: searching.id, path: '/movies/x/x-trailer.mkv', sizeBytes: 10, mtimeMs: 1, sourceUrl: 'https://example.invalid/v' });
    const item = await (await pages.get(`/library/${searching.id}`)).text();
    expect(item).toMatch(/<span class="badge status-downloading"[^>]*>Finding a trailer<\/span>/);
    expect(item).not.toContain('data-action="fetch"');
    expect(item).not.toContain('data-action="delete-trailer"');
    const list = await (await pages.get('/library?q=Searching')).text();
    expect(list).toMatch(/<span class="badge status-downloading"[^>]*>Finding a trailer<\/span>/);
    expect(list).not.toContain('data-action="fetch"');

    const converting = await seedMedia(db(), conn.id, { title: 'Converting film', trailerStatus: 'downloading' });
    await db().insert(jobProgress).values({ mediaId: converting.id, stage: 'converting', percent: 40 });
    expect(await (await pages.get(`/library/${converting.id}`)).text()).toMatch(/status-downloading"[^>]*>Converting<\/span>/);

    // Queued at the user's request: "Queued" and the reason once each, no disabled "Queued" button.
    const queued = await seedMedia(db(), conn.id, { title: 'Asked-for film', trailerStatus: 'queued', statusReason: 'Requested by you' });
    await db().insert(jobProgress).values({ mediaId: queued.id, stage: 'queued', detail: 'Requested by you' });
    const text = textOf(await (await pages.get(`/library/${queued.id}`)).text());
    expect(text.match(/Requested by you/g)).toHaveLength(1);
    expect(text.match(/\bQueued\b/g)).toHaveLength(1);
  });

  it('keeps the activity panel short and shows retry times as <time> elements', async () => {
    const conn = await seedConnection(db());
    const now = Date.now();
    for (let i = 0; i < 8; i += 1) {
      const row = await seedMedia(db(), conn.id, { title: `Done ${i}`, trailerStatus: 'have' });
      await db().insert(jobProgress).values({ mediaId: row.id, stage: 'done', updatedAt: new Date(now - i * 1000) });
    }
    const old = await seedMedia(db(), conn.id, { title: 'Done long ago', trailerStatus: 'have' });
    await db().insert(jobProgress).values({ mediaId: old.id, stage: 'done', updatedAt: new Date(now - 3 * 60_000) });
    const retryAt = new Date(Math.floor(now / 1000) * 1000 + 240_000);
    const waiting = await seedMedia(db(), conn.id, { title: 'Retrying film', trailerStatus: 'queued', statusReason: `download failed: timeout; retrying at ${shortTime(retryAt)}` });
    await db().insert(jobProgress).values({ mediaId: waiting.id, stage: 'queued', detail: `download failed: timeout; waiting until ${shortTime(retryAt)}` });

    const dashboard = await (await pages.get('/')).text();
    const activity = /<div id="live-progress"[\s\S]*?<\/ul>/.exec(dashboard)?.[0] ?? '';
    expect(activity.match(/data-stage="done"/g)).toHaveLength(FINISHED_SHOWN);
    expect(activity).not.toContain('Done long ago');
    expect(activity).toContain(`<time datetime="${retryAt.toISOString()}"`);
    expect(activity).not.toContain('UTC');

    const item = await (await pages.get(`/library/${waiting.id}`)).text();
    const reason = /<span class="status-reason">([\s\S]*?)<\/span>/.exec(item)?.[1] ?? '';
    expect(reason).toContain(`<time datetime="${retryAt.toISOString()}"`);
    expect(textOf(reason)).toMatch(/retrying at in 4 minutes|retrying at in 3 minutes/);
  });

  it('counts in the singular and plural, labels event states, and points an empty log to the set-up', async () => {
    const empty = await (await pages.get('/events')).text();
    expect(empty).toMatch(/No webhooks received yet[\s\S]*href="\/settings\/connections"/);
    await db().insert(webhookEvents).values({ source: 'sonarr', eventType: 'Download', dedupeKey: 'wording-1', rawBody: '{}', state: 'needs-setup', instanceName: 'Sonarr 4K' });
    const events = await (await pages.get('/events')).text();
    expect(textOf(events)).toContain('1 event');
    expect(textOf(events)).not.toContain('1 events');
    expect(events).toMatch(/<option value="needs-setup"[^>]*>Needs a connection<\/option>/);
    expect(events).toMatch(/<span class="badge state-needs-setup" data-state="needs-setup">Needs a connection<\/span>/);
    const one = await (await pages.get('/library?q=Converting')).text();
    expect(textOf(one)).toContain('1 item');
    expect(textOf(one)).not.toContain('1 items');
  });

  it('connection card: the triggers the README lists, and the API key copied on request only', async () => {
    await seedConnection(db(), { kind: 'sonarr', name: 'Sonarr card' });
    const html = await (await pages.get('/settings/connections')).text();
    expect(html).not.toContain(svc.apiKey);
    expect(html).toContain('data-copy-url="/settings/connections/api-key"');
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const triggersRow = readme.split('\n').find((line) => line.startsWith('| Triggers |')) ?? '';
    for (const [kind, triggers] of Object.entries(WEBHOOK_TRIGGERS)) {
      for (const trigger of triggers) {
        expect(triggersRow, `${kind}: ${trigger}`).toContain(`**${trigger}**`);
        expect(html).toContain(trigger);
      }
    }
    const copied = await pages.post('/settings/connections/api-key', {});
    expect(copied.status).toBe(200);
    expect(copied.headers.get('cache-control')).toBe('no-store');
    expect(await copied.text()).toBe(svc.apiKey);
    // Without the session's CSRF token (a cross-site form): refused, key not sent.
    const forged = await fetch(`${svc.url}/settings/connections/api-key`, { method: 'POST', redirect: 'manual', headers: { cookie: pages.cookie } });
    expect(forged.status).toBe(403);
    expect(await forged.text()).not.toContain(svc.apiKey);
  });

  it('disables Test and Sync now while they run', async () => {
    const html = await (await pages.get('/settings/connections')).text();
    expect(html).toMatch(/data-action="test"/);
    for (const button of html.match(/<button[^>]*hx-post="\/settings\/connections\/\d+\/(test|sync)"[^>]*>/g) ?? []) expect(button).toContain('hx-disable="this"');
  });
});
