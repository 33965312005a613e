// Promise: no request body, however broken or hostile, gets a 5xx or takes the process down, and
// none of them writes anything into the media folders. 10,000 generated requests (fixed seed)
// at both webhook routes and every JSON API route, against one real service running all its
// workers (yt-dlp replaced by a program that only fails, so accepted imports stay offline).
import { Agent, request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections } from '../../src/db/schema/index.ts';
import { createApp } from '../../src/app/create-app.ts';
import { QUEUES } from '../../src/jobs/queues.ts';
import { workRootOf } from '../../src/pipeline/pipeline-runtime.ts';
import { controlCharacterRequests } from './control-character-requests.ts';
import { MAX_WEBHOOK_BYTES } from '../../src/routes/webhooks/webhook.routes.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { snapshotTree } from './disk-snapshot.ts';
import { fuzzRequests, type FuzzRequest, type FuzzTarget } from './fuzz-requests.ts';

const COUNT = 10_000;
const SEED = 20_260_808;
const LANES = 8;

type Outcome = { request: FuzzRequest; status: number | 'no answer'; detail: string };

describe(`fuzzing the webhook and JSON API routes (${testBackend})`, () => {
  let svc: TestService;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'previewarr-fuzz-'));
    // The folders the fixtures name, each with the user's own files in it.
    for (const folder of ['movies/Arrival (2016)', 'movies/Blade Runner 2049 (2017)', 'tv/Severance', 'tv/The Expanse', "anime/Frieren - Beyond Journey's End"]) {
      mkdirSync(join(root, folder), { recursive: true });
      writeFileSync(join(root, folder, 'user file.mkv'), 'the user owns this');
      writeFileSync(join(root, folder, 'poster.jpg'), 'jpeg');
    }
    svc = await startTestService({ env: { YTDLP_PATH: '/bin/false', LOG_LEVEL: 'info', WORKER_CONCURRENCY: '1' } });
    await svc.deps.database.db.insert(connections).values([
      {
        name: 'Radarr',
        kind: 'radarr',
        baseUrl: 'http://127.0.0.1:9',
        apiKey: 'radarr-key-fuzz',
        pathMappings: [{ remotePrefix: '/movies', localPrefix: join(root, 'movies') }],
      },
      {
        name: 'Sonarr',
        kind: 'sonarr',
        baseUrl: 'http://127.0.0.1:9',
        apiKey: 'sonarr-key-fuzz',
        pathMappings: [
          { remotePrefix: '/tv', localPrefix: join(root, 'tv') },
          { remotePrefix: '/anime', localPrefix: join(root, 'anime') },
        ],
      },
    ]);
  });

  afterAll(async () => {
    agent.destroy();
    await svc?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** Webhook routes and every JSON API route the app has, except the one that changes the key. */
  function targets(): FuzzTarget[] {
    const seen = new Set<string>();
    const list: FuzzTarget[] = [];
    for (const route of createApp(svc.deps).routes) {
      const isTarget = route.path.startsWith('/webhooks/') || route.path.startsWith('/api/');
      // Regenerating the key would lock the rest of the run out; the access test covers it.
      if (!isTarget || route.method === 'ALL' || route.path.endsWith('/apikey/regenerate')) continue;
      const key = `${route.method} ${route.path}`;
      if (!seen.has(key)) list.push({ method: route.method, path: route.path });
      seen.add(key);
    }
    return list;
  }

  // One keep-alive agent for the run: connections are reused, as a busy client would.
  const agent = new Agent({ keepAlive: true, maxSockets: LANES });

  function send(request: FuzzRequest): Promise<Outcome> {
    const headers: Record<string, string> = {};
    if (request.withKey) headers['X-Api-Key'] = svc.apiKey;
    if (request.contentType !== null) headers['Content-Type'] = request.contentType;
    if (request.body) headers['Content-Length'] = String(request.body.length);
    return new Promise((resolve) => {
      const req = httpRequest(`${svc.url}${request.path}`, { method: request.method, headers, agent }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ request, status: res.statusCode ?? 0, detail: Buffer.concat(parts).toString('utf8').slice(0, 300) }));
        res.on('error', (err) => resolve({ request, status: 'no answer', detail: String(err) }));
      });
      req.on('error', (err) => resolve({ request, status: 'no answer', detail: String(err) }));
      req.end(request.body ?? undefined);
    });
  }

  it('refuses a control character in every text field of every JSON API route with a 400; webhooks never get a 5xx', async () => {
    const requests = controlCharacterRequests(targets().filter((target) => !['GET', 'HEAD', 'DELETE'].includes(target.method)));
    const wrong: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        for (let request = requests[next++]; request; request = requests[next++]) {
          const bytes = Buffer.from(request.body);
          const outcome = await send({ method: request.method, path: request.path, contentType: 'application/json', body: bytes, withKey: true, kind: 'control character' });
          const api = request.path.startsWith('/api/');
          const ok = api ? outcome.status === 400 : typeof outcome.status === 'number' && outcome.status < 500;
          if (!ok) wrong.push(`${request.route} ${request.field} ${JSON.stringify(request.body).slice(0, 80)} → ${outcome.status}: ${outcome.detail}`);
        }
      }),
    );
    expect(requests.length).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
    expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
  });

  it(`answers ${COUNT} generated requests without a 5xx, stays up and writes nothing to the media folders`, async () => {
    const before = snapshotTree(root);
    const list = targets();
    expect(list.some((target) => target.path === '/webhooks/radarr')).toBe(true);
    expect(list.some((target) => target.path === '/webhooks/sonarr')).toBe(true);
    expect(list.filter((target) => target.path.startsWith('/api/')).length).toBeGreaterThan(10);

    const requests = fuzzRequests(list, COUNT, SEED);
    const outcomes: Outcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        for (let request = requests[next++]; request; request = requests[next++]) outcomes.push(await send(request));
      }),
    );
    expect(outcomes).toHaveLength(COUNT);

    const describe = (o: Outcome) => `${o.request.method} ${o.request.path} [${o.request.kind}, ${o.request.contentType}] → ${o.status}: ${o.detail}`;
    const serverErrors = outcomes.filter((o) => typeof o.status === 'number' && o.status >= 500);
    expect(serverErrors.map(describe)).toEqual([]);
    // Only a body over the limit may be cut off unanswered (the server stops reading it).
    const unanswered = outcomes.filter((o) => o.status === 'no answer' && (o.request.body?.length ?? 0) <= MAX_WEBHOOK_BYTES);
    expect(unanswered.map(describe)).toEqual([]);
    // Some of the generated imports were valid enough to be stored and acted on.
    expect(outcomes.filter((o) => o.status === 202).length).toBeGreaterThan(0);

    // Still up and ready, and no handler blew up along the way.
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
    expect(svc.logs.filter((line) => line.msg === 'unhandled error').map((line) => JSON.stringify(line).slice(0, 500))).toEqual([]);

    // Once the accepted events have run, the media folders are exactly as they were.
    await waitFor(
      async () => {
        const jobs = await svc.boss.findJobs(QUEUES.webhookEvent, { limit: 100_000 });
        return jobs.every((job) => job.state !== 'created' && job.state !== 'active' && job.state !== 'retry');
      },
      { timeoutMs: 120_000, intervalMs: 500, what: 'the accepted webhook events to be processed' },
    );
    expect(snapshotTree(root)).toEqual(before);
    expect(snapshotTree(workRootOf(svc.deps.env)).filter((entry) => entry.kind === 'file')).toEqual([]);
  }, 600_000);
});
