// The forms anyone may post (first run, login) are refused past the body limit before they are
// read: a 200 MB post used to take the process from 445 MB to 1.41 GB. Measured on the service as
// a separate process (its resident memory from /proc), with the body streamed without a length so
// only reading it can find its size.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildService, type ChildService } from '../support/child-service.ts';
import { createTestDatabase, testBackend, type TestDatabase } from '../support/test-db.ts';
import { TEST_API_KEY } from '../support/test-service.ts';

const BODY_LIMIT = 2 * 1024 * 1024;
const POSTED_BYTES = 200 * 1024 * 1024;
/** What a Node process's resident size drifts by while it answers a few requests (heap growth, sockets). Reading the body grew it by ~1 GB. */
const ALLOCATOR_NOISE = 40 * 1024 * 1024;

function residentBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

/** Streams `bytes` of form data (chunked, no Content-Length); resolves with the status, or null if the server cut it off first. */
function postHugeForm(url: string, bytes: number): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
      req.destroy();
    });
    req.on('error', () => resolve(null));
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const write = () => {
      while (sent < bytes && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', write);
      }
      if (!req.destroyed) req.end();
    };
    write();
  });
}

describe(`unauthenticated forms are bounded before they are read (${testBackend})`, () => {
  let database: TestDatabase;
  let child: ChildService;

  beforeAll(async () => {
    database = await createTestDatabase('bodies');
    child = await startChildService({ ...database.env, API_KEY: TEST_API_KEY });
  });
  afterAll(async () => {
    await child?.kill();
    await database?.drop();
  });

  it('a 200 MB post to /setup and to /login is a 413 and memory does not grow by the body', async () => {
    // Warm up the routes once, so their first-use allocations are not counted.
    expect(await postHugeForm(`${child.url}/setup`, 1024)).toBe(403);
    const before = residentBytes(child.pid);
    const setupStatus = await postHugeForm(`${child.url}/setup`, POSTED_BYTES);
    expect(residentBytes(child.pid) - before).toBeLessThan(BODY_LIMIT + ALLOCATOR_NOISE);
    expect(setupStatus).toBe(413);

    // With an account, /login reads its form: the same limit applies.
    const form = await fetch(`${child.url}/setup`);
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const setup = await fetch(`${child.url}/setup`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: token, username: 'admin', password: 'a long enough password', confirm: 'a long enough password' }),
    });
    expect(setup.status).toBe(303);
    const beforeLogin = residentBytes(child.pid);
    const loginStatus = await postHugeForm(`${child.url}/login`, POSTED_BYTES);
    expect(residentBytes(child.pid) - beforeLogin).toBeLessThan(BODY_LIMIT + ALLOCATOR_NOISE);
    expect(loginStatus).toBe(413);
    expect((await fetch(`${child.url}/readyz`)).status).toBe(200);
  });
});
