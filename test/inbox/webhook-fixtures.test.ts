// Every recorded Radarr/Sonarr webhook body, through the real HTTP route and then through the
// event's job: the reply, the stored event, the queued jobs and the media rows it leaves.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRIORITY } from '../../src/jobs/queues.ts';
import { webhookFixtureNames, type ArrApp } from '../support/fake-arr-data.ts';
import { testBackend } from '../support/test-db.ts';
import type { TestService } from '../support/test-service.ts';
import {
  closeWebhookWorld,
  openWebhookWorld,
  clearLibraryRows,
  eventRow,
  eventRows,
  fixture,
  jobsWith,
  mediaRows,
  processEvent,
  send,
  type Library,
} from './webhook-test-kit.ts';

/** What each fixture must do. `item`: the media row it leaves; `fetch`: a trailer-fetch job. */
type Expected =
  | { reply: 'test' }
  | { reply: 'ignored'; reason: RegExp }
  | { reply: 'queued'; state: 'processed'; summary: RegExp; item?: { title: string; arrId: number; hasFile: boolean; file?: string }; fetch: boolean }
  | { reply: 'queued'; state: 'deferred'; summary: RegExp; item: { title: string; arrId: number; hasFile: boolean } };

const radarr: Record<string, Expected> = {
  'webhook-application-update': { reply: 'ignored', reason: /ApplicationUpdate: not about library files/ },
  'webhook-download': {
    reply: 'queued',
    state: 'processed',
    summary: /added "Arrival" \(2016\); trailer fetch queued/,
    item: { title: 'Arrival', arrId: 57, hasFile: true, file: 'Arrival (2016) Bluray-1080p.mkv' },
    fetch: true,
  },
  'webhook-download-upgrade': {
    reply: 'queued',
    state: 'processed',
    summary: /trailer fetch queued/,
    item: { title: 'Blade Runner 2049', arrId: 42, hasFile: true, file: 'Blade Runner 2049 (2017) Remux-2160p.mkv' },
    fetch: true,
  },
  'webhook-grab': { reply: 'ignored', reason: /Grab: nothing is imported yet/ },
  'webhook-health': { reply: 'ignored', reason: /Health: not about library files/ },
  'webhook-health-restored': { reply: 'ignored', reason: /HealthRestored/ },
  'webhook-movie-added': {
    reply: 'queued',
    state: 'deferred',
    summary: /added "Nightfall Protocol" \(2026\); waiting for its folder: .*Nightfall Protocol \(2026\) does not exist yet/,
    item: { title: 'Nightfall Protocol', arrId: 63, hasFile: false },
  },
  'webhook-movie-delete-keep-files': { reply: 'queued', state: 'processed', summary: /movie 57 is not in Previewarr's library/, fetch: false },
  'webhook-movie-delete-with-files': { reply: 'queued', state: 'processed', summary: /movie 57 is not in Previewarr's library/, fetch: false },
  'webhook-movie-file-delete': { reply: 'ignored', reason: /file deleted \(manual\): trailer kept/ },
  'webhook-rename': {
    reply: 'queued',
    state: 'processed',
    summary: /1 file renamed in "Arrival" \(2016\); no trailer of ours to rename/,
    item: { title: 'Arrival', arrId: 57, hasFile: true, file: 'Arrival (2016) Bluray-1080p.mkv' },
    fetch: false,
  },
  'webhook-test': { reply: 'test' },
};

const severance = { title: 'Severance', arrId: 7, hasFile: true };
const sonarr: Record<string, Expected> = {
  'webhook-application-update': { reply: 'ignored', reason: /ApplicationUpdate/ },
  'webhook-download': { reply: 'queued', state: 'processed', summary: /added "Severance" \(2022\); trailer fetch queued/, item: severance, fetch: true },
  'webhook-download-import-complete': {
    reply: 'queued',
    state: 'processed',
    summary: /trailer fetch queued/,
    item: { title: "Frieren: Beyond Journey's End", arrId: 19, hasFile: true },
    fetch: true,
  },
  'webhook-download-multi-episode': {
    reply: 'queued',
    state: 'processed',
    summary: /trailer fetch queued/,
    item: { title: 'The Expanse', arrId: 12, hasFile: true },
    fetch: true,
  },
  'webhook-download-upgrade': { reply: 'queued', state: 'processed', summary: /trailer fetch queued/, item: severance, fetch: true },
  'webhook-episode-file-delete': { reply: 'ignored', reason: /file deleted \(manual\)/ },
  'webhook-grab': { reply: 'ignored', reason: /Grab/ },
  'webhook-health': { reply: 'ignored', reason: /Health/ },
  'webhook-health-restored': { reply: 'ignored', reason: /HealthRestored/ },
  'webhook-rename': {
    reply: 'queued',
    state: 'processed',
    summary: /1 file renamed in "The Expanse" \(2015\); no trailer of ours/,
    item: { title: 'The Expanse', arrId: 12, hasFile: true },
    fetch: false,
  },
  'webhook-series-add': {
    reply: 'queued',
    state: 'processed',
    summary: /added "Frieren: Beyond Journey's End" \(2023\); trailer fetch queued/,
    item: { title: "Frieren: Beyond Journey's End", arrId: 19, hasFile: false },
    fetch: true,
  },
  'webhook-series-delete-keep-files': { reply: 'queued', state: 'processed', summary: /series 12 is not in Previewarr's library/, fetch: false },
  'webhook-series-delete-with-files': { reply: 'queued', state: 'processed', summary: /series 12 is not in Previewarr's library/, fetch: false },
  'webhook-test': { reply: 'test' },
};

describe(`every webhook fixture through the route and the job (${testBackend})`, () => {
  let svc: TestService;
  let library: Library;
  const connectionIds: Record<ArrApp, number> = { radarr: 0, sonarr: 0 };

  beforeAll(async () => {
    const world = await openWebhookWorld('none', ['radarr', 'sonarr']);
    ({ svc, library } = world);
    Object.assign(connectionIds, world.connectionIds);
  });
  afterAll(async () => {
    await closeWebhookWorld({ svc, library });
  });
  beforeEach(async () => {
    await clearLibraryRows(svc);
  });

  for (const [app, table] of [
    ['radarr', radarr],
    ['sonarr', sonarr],
  ] as const) {
    it(`${app}: every fixture has an expectation`, () => {
      expect(webhookFixtureNames(app).sort()).toEqual(Object.keys(table).sort());
    });

    for (const name of webhookFixtureNames(app)) {
      it(`${app} ${name}`, async () => {
        const expected = table[name];
        if (!expected) throw new Error(`no expectation for ${app}/${name}`);
        const body = fixture(app, name);
        const reply = await send(svc, app, body);
        const json = JSON.parse(reply.text) as Record<string, unknown>;
        const [event, ...others] = await eventRows(svc);
        expect(others).toEqual([]);
        if (!event) throw new Error('no event stored');
        expect(event).toMatchObject({ source: app, connectionId: connectionIds[app], eventType: body.eventType, instanceName: body.instanceName });
        expect(JSON.parse(event.rawBody)).toEqual(body);
        const eventJobs = await jobsWith(svc, 'webhook-event', { eventId: event.id });

        if (expected.reply === 'test') {
          expect(reply.status).toBe(200);
          expect(json).toMatchObject({ ok: true, eventId: event.id });
          expect(json.message).toBe(
            `Previewarr received the test from ${body.instanceName}; the connection works (connection "${body.instanceName}")`,
          );
          expect(event.state).toBe('processed');
          expect(event.processedAt).not.toBeNull();
          expect(eventJobs).toHaveLength(0);
          expect(await mediaRows(svc)).toEqual([]);
          return;
        }
        if (expected.reply === 'ignored') {
          expect(reply.status).toBe(200);
          expect(json).toMatchObject({ accepted: true, eventId: event.id, duplicate: false, action: 'none', state: 'ignored' });
          expect(json.reason).toMatch(expected.reason);
          expect(event.state).toBe('ignored');
          expect(event.summary).toMatch(expected.reason);
          expect(eventJobs).toHaveLength(0);
          expect(await mediaRows(svc)).toEqual([]);
          return;
        }

        expect(reply.status).toBe(202);
        expect(json).toMatchObject({ accepted: true, eventId: event.id, duplicate: false, state: 'received' });
        expect(event.state).toBe('received');
        expect(eventJobs).toHaveLength(1);
        expect(eventJobs[0]?.state).toBe('created');

        if (expected.state === 'deferred') {
          expect((await processEvent(svc, event.id))?.state).toBe('deferred');
          const after = await eventRow(svc, event.id);
          expect(after.state).toBe('received');
          expect(after.nextTryAt).not.toBeNull();
          expect(after.summary).toMatch(expected.summary);
        } else {
          const result = await processEvent(svc, event.id);
          expect(result?.state).toBe(expected.state);
          const after = await eventRow(svc, event.id);
          expect(after.state).toBe('processed');
          expect(after.summary).toMatch(expected.summary);
          expect(after.processedAt).not.toBeNull();
        }

        const rows = await mediaRows(svc);
        if (expected.item) {
          expect(rows).toHaveLength(1);
          const row = rows[0]!;
          expect(row).toMatchObject({
            connectionId: connectionIds[app],
            kind: app === 'radarr' ? 'movie' : 'series',
            title: expected.item.title,
            arrId: expected.item.arrId,
            hasFile: expected.item.hasFile,
            folderPath: app === 'radarr' ? body.movie.folderPath : body.series.path,
            movieFileRelativePath: 'file' in expected.item ? expected.item.file : null,
          });
          const fetches = await jobsWith(svc, 'trailer-fetch', { mediaId: row.id });
          const wantsFetch = expected.state === 'processed' && expected.fetch;
          expect(fetches).toHaveLength(wantsFetch ? 1 : 0);
          if (wantsFetch) {
            expect(fetches[0]?.data).toEqual({ mediaId: row.id, reason: 'import' });
            expect(fetches[0]?.priority).toBe(PRIORITY.import);
            expect(row.trailerStatus).toBe('queued');
          }
        } else {
          expect(rows).toEqual([]);
        }
      });
    }
  }
});
