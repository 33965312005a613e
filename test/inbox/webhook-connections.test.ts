// Which connection an event belongs to (?connection=, instance name, the only one), events kept
// as needs-setup when none matches, and how adding the connection later gets them processed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connections } from '../../src/db/schema/index.ts';
import { processPendingEventsForConnection } from '../../src/inbox/pending-events.ts';
import { testBackend } from '../support/test-db.ts';
import type { TestService } from '../support/test-service.ts';
import {
  closeWebhookWorld,
  openWebhookWorld,
  addConnection,
  clearLibraryRows,
  eventRow,
  fixture,
  fixtureMappings,
  jobsWith,
  mediaRows,
  processEvent,
  send,
  type Library,
} from './webhook-test-kit.ts';

type Accepted = { eventId: number; state: string; message?: string; action: string };

describe(`which connection a webhook belongs to (${testBackend})`, () => {
  let svc: TestService;
  let library: Library;
  const download = fixture('radarr', 'webhook-download');

  beforeAll(async () => {
    ({ svc, library } = await openWebhookWorld('none'));
  });
  afterAll(async () => {
    await closeWebhookWorld({ svc, library });
  });
  beforeEach(async () => {
    await clearLibraryRows(svc);
    await svc.deps.database.db.delete(connections);
  });

  const deliver = async (body: unknown, query = '') => {
    const reply = await send(svc, 'radarr', body, { query });
    return { status: reply.status, body: JSON.parse(reply.text) as Accepted };
  };
  const radarr = (name: string) => addConnection(svc, { name, kind: 'radarr', pathMappings: fixtureMappings('radarr', library) });
  const pending = (connectionId: number) => processPendingEventsForConnection(svc.deps, connectionId);

  it('with no connection yet: accepted, kept as needs-setup with no job, processed once the connection is added', async () => {
    const { status, body } = await deliver(download);
    expect(status).toBe(202);
    expect(body).toMatchObject({ state: 'needs-setup', action: 'ensure' });
    expect(body.message).toBe('Kept, not acted on yet: no Radarr connection is set up yet. It runs once that connection is added in Previewarr.');
    expect(await eventRow(svc, body.eventId)).toMatchObject({ state: 'needs-setup', connectionId: null, summary: body.message });
    expect(await jobsWith(svc, 'webhook-event', { eventId: body.eventId })).toEqual([]);

    const id = await radarr('Movies');
    expect(await pending(id)).toBe(1);
    expect(await eventRow(svc, body.eventId)).toMatchObject({ state: 'received', connectionId: id, summary: null });
    expect(await jobsWith(svc, 'webhook-event', { eventId: body.eventId })).toHaveLength(1);
    expect(await pending(id)).toBe(0);
    await processEvent(svc, body.eventId);
    expect((await eventRow(svc, body.eventId)).state).toBe('processed');
    expect((await mediaRows(svc))[0]).toMatchObject({ connectionId: id, title: 'Arrival' });
  });

  it('a Test with no connection says it works and what to set up; Grab and friends are just logged', async () => {
    const reply = await send(svc, 'radarr', fixture('radarr', 'webhook-test'));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text).message).toBe(
      'Previewarr received the test from Radarr; the connection works, but no Radarr connection is set up yet: add it in Previewarr under Settings → Connections so its events can be acted on',
    );
    const grab = await deliver(fixture('radarr', 'webhook-grab'));
    expect(grab.body.state).toBe('ignored');
  });

  it('the only connection of the kind takes every event, whatever its instance name', async () => {
    const id = await radarr('My Movies');
    await addConnection(svc, { name: 'Radarr', kind: 'sonarr' }); // same name, other kind: not a candidate
    const { body } = await deliver({ ...download, instanceName: 'Radarr (living room)' });
    expect(await eventRow(svc, body.eventId)).toMatchObject({ state: 'received', connectionId: id, instanceName: 'Radarr (living room)' });
  });

  it('with several: ?connection=<name> decides, case-insensitively', async () => {
    await radarr('Radarr');
    const fourK = await radarr('Radarr 4K');
    const { body } = await deliver(download, '?connection=radarr%204k');
    expect(await eventRow(svc, body.eventId)).toMatchObject({ connectionId: fourK, connectionHint: 'radarr 4k' });
  });

  it('with several: the instance name decides when the URL does not', async () => {
    await radarr('Radarr');
    const fourK = await radarr('Radarr4K');
    const { body } = await deliver({ ...download, instanceName: 'RADARR4K' });
    expect((await eventRow(svc, body.eventId)).connectionId).toBe(fourK);
  });

  it('with several and no clue: needs-setup, claimed by a connection added under the instance name', async () => {
    await radarr('Radarr HD');
    await radarr('Radarr 4K');
    const { body } = await deliver({ ...download, instanceName: 'Radarr Kids' });
    expect(body.state).toBe('needs-setup');
    expect(body.message).toMatch(/2 Radarr connections exist and none is named "Radarr Kids"; add \?connection=<name> to the webhook URL/);
    const unrelated = await radarr('Radarr Anime');
    expect(await pending(unrelated)).toBe(0);
    const kids = await radarr('radarr kids');
    expect(await pending(kids)).toBe(1);
    expect(await eventRow(svc, body.eventId)).toMatchObject({ state: 'received', connectionId: kids });
  });

  it('a ?connection= name that matches nothing never falls back to another instance', async () => {
    await radarr('Radarr');
    const { body } = await deliver(download, '?connection=Radarr%20UHD');
    expect(body.state).toBe('needs-setup');
    expect(body.message).toMatch(/no Radarr connection is named "Radarr UHD" \(from \?connection= in the webhook URL\)/);
    const uhd = await radarr('Radarr UHD');
    expect(await pending(uhd)).toBe(1);
    expect((await eventRow(svc, body.eventId)).connectionId).toBe(uhd);
  });

  it('a connection deleted after receipt: the job finds none and the event waits again', async () => {
    const id = await radarr('Radarr');
    const { body } = await deliver(download);
    expect((await eventRow(svc, body.eventId)).connectionId).toBe(id);
    await svc.deps.database.db.delete(connections);
    const result = await processEvent(svc, body.eventId);
    expect(result).toEqual({ state: 'needs-setup', summary: 'Kept, not acted on yet: no Radarr connection is set up yet. It runs once that connection is added in Previewarr.' });
    const again = await radarr('Radarr again');
    expect(await pending(again)).toBe(1);
  });
});
