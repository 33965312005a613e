// Every slot of an item, not only its main trailer, tells the targets that asked for it when it
// ends needing attention or with nothing official yet: the title names the slot's kind and season
// ("Featurette needs attention: Arrival (2016)"), through the same outbox, batching and per-target
// choice of events as the main trailer's. Real pipeline and notify workers, the local fake
// notification endpoint; searches answer nothing, so each slot's fetch finds no candidate.
import { mkdir } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media, outbox } from '../../src/db/schema/index.ts';
import { QUEUES } from '../../src/jobs/queues.ts';
import { outboundWorkers } from '../../src/outbound/outbound-workers.ts';
import { pipelineWorkers } from '../../src/pipeline/pipeline-workers.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { startFakeNotify, type FakeNotify } from '../support/fake-notify.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { insertConnection, insertMovie, makeMediaRoot, removeMediaRoot } from '../pipeline/pipeline-fixture.ts';
import { insertProfile, queueSlot, slotRow, waitForSlot } from '../pipeline/slot-fixture.ts';

type Message = { title?: string; message?: string; level?: string };

describe(`notifications for every slot (${testBackend})`, () => {
  let svc: TestService;
  let clips: ClipServer;
  let hooks: FakeNotify;
  let root: string;
  let connectionId: number;
  let featuretteId: number;
  let teaserId: number;
  const searches: string[] = [];
  const db = () => svc.deps.database.db;
  const sent = (prefix: string) => hooks.messages(prefix) as Message[];
  const api = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${svc.url}${path}`, { method, headers: { 'X-Api-Key': svc.apiKey, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    root = await makeMediaRoot('slot-notify');
    clips = await startClipServer();
    hooks = await startFakeNotify();
    svc = await startTestService({
      env: { TRAILER_URL_TEMPLATE: clips.urlTemplate, NOTIFY_BATCH_SECONDS: '1', LOG_LEVEL: 'warn' },
      workers: (deps) => [
        ...pipelineWorkers(deps, {
          search: async (query) => {
            searches.push(query);
            return [];
          },
        }),
        ...outboundWorkers(deps),
      ],
    });
    connectionId = await insertConnection(db(), root);
    featuretteId = await insertProfile(db(), { name: 'Featurettes', kind: 'featurette', appliesTo: { mediaKinds: ['movie'], connectionIds: [], tags: [] } });
    teaserId = await insertProfile(db(), { name: 'Season teasers', kind: 'teaser', scope: 'season', appliesTo: { mediaKinds: ['series'], connectionIds: [], tags: [] } });
    // One target asked for the waiting events, another only for placements.
    const waiting = await api('POST', '/api/v1/notifications', { name: 'Waiting', kind: 'webhook', url: `${hooks.url}/waiting`, events: ['needs-attention', 'no-trailer'] });
    expect(waiting.status, waiting.text).toBe(201);
    const placed = await api('POST', '/api/v1/notifications', { name: 'Placed', kind: 'webhook', url: `${hooks.url}/placed`, events: ['trailer-placed'] });
    expect(placed.status, placed.text).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await svc?.stop();
    await clips?.close();
    await hooks?.close();
    await removeMediaRoot(root);
  });

  it("a featurette that needs attention is announced with its kind, like the main trailer's", async () => {
    const mediaId = await insertMovie(db(), { connectionId, folder: `${root}/Arrival (2016)`, title: 'Arrival', year: 2016 });
    await db().update(media).set({ trailerStatus: 'have' }).where(eq(media.id, mediaId));
    expect(await queueSlot(db(), svc.boss, { mediaId, profileId: featuretteId })).toBe(true);
    const slot = await waitForSlot(db(), { mediaId, profileId: featuretteId }, ['needs-attention']);
    const [message] = await waitFor(() => (sent('/waiting').length > 0 ? sent('/waiting') : undefined), { timeoutMs: 30_000, what: 'the featurette notification' });
    expect(message).toMatchObject({ title: 'Featurette needs attention: Arrival (2016)', level: 'failure' });
    expect(message!.message).toBe(slot.statusReason);
    expect(searches.some((query) => /featurette/i.test(query))).toBe(true);
  }, 90_000);

  it('a season slot names its season; an unreleased film\'s featurette says "No featurette yet", once', async () => {
    const seriesId = await insertMovie(db(), { connectionId, folder: `${root}/The Expanse (2015)`, title: 'The Expanse', year: 2015, kind: 'series', youTubeTrailerId: null });
    // A season slot's file goes in the season's folder, which must exist.
    await mkdir(`${root}/The Expanse (2015)/Season 02`);
    await db()
      .update(media)
      .set({ trailerStatus: 'have', seasons: [{ number: 2, monitored: true }] })
      .where(eq(media.id, seriesId));
    const unreleasedId = await insertMovie(db(), { connectionId, folder: `${root}/Dune Part Three (2030)`, title: 'Dune Part Three', year: 2030, youTubeTrailerId: null });
    await db().update(media).set({ trailerStatus: 'have', releaseStatus: 'announced', premiereDate: '2030-12-18' }).where(eq(media.id, unreleasedId));
    const before = sent('/waiting').length;
    expect(await queueSlot(db(), svc.boss, { mediaId: seriesId, profileId: teaserId, season: 2 })).toBe(true);
    expect(await queueSlot(db(), svc.boss, { mediaId: unreleasedId, profileId: featuretteId })).toBe(true);
    await waitForSlot(db(), { mediaId: seriesId, profileId: teaserId, season: 2 }, ['needs-attention']);
    await waitForSlot(db(), { mediaId: unreleasedId, profileId: featuretteId }, ['no-trailer-yet']);
    const titles = await waitFor(() => (sent('/waiting').length >= before + 2 ? sent('/waiting').slice(before).map((m) => m.title) : undefined), {
      timeoutMs: 30_000,
      what: 'the season teaser and unreleased featurette notifications',
    });
    expect(titles.sort()).toEqual(['No featurette yet: Dune Part Three (2030)', 'Season 2 teaser needs attention: The Expanse (2015)']);
    // The target that asked only for placements heard nothing of it.
    expect(sent('/placed')).toEqual([]);

    // The re-check (run now instead of tomorrow) still finds nothing official: it stays quiet.
    const searchesBefore = searches.length;
    const recheck = await svc.boss.send(QUEUES.trailerFetch, { mediaId: unreleasedId, reason: 'refetch', profileId: featuretteId });
    await waitFor(async () => (await svc.boss.getJobById(QUEUES.trailerFetch, recheck!))?.state === 'completed', { timeoutMs: 30_000, what: 'the re-check job' });
    expect(searches.length).toBeGreaterThan(searchesBefore);
    expect((await slotRow(db(), { mediaId: unreleasedId, profileId: featuretteId }))?.status).toBe('no-trailer-yet');
    await waitFor(async () => (await db().select({ id: outbox.id }).from(outbox)).length === 0, { timeoutMs: 30_000, what: 'the outbox to drain' });
    expect(sent('/waiting')).toHaveLength(before + 2);
  }, 90_000);
});
