// LOG_FORMAT=pretty, as someone starting Previewarr from a terminal sees it: readable lines, and
// one that says which URL to open.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnChildService, type ChildService } from '../support/child-service.ts';
import { createTestDatabase, testBackend, type TestDatabase } from '../support/test-db.ts';
import { waitFor } from '../support/wait-for.ts';

describe(`LOG_FORMAT=pretty (${testBackend})`, () => {
  let database: TestDatabase | undefined;
  let svc: ChildService | undefined;

  afterAll(async () => {
    await svc?.kill();
    await database?.drop();
  });

  it('prints readable lines and the URL to open', async () => {
    database = await createTestDatabase('pretty');
    svc = spawnChildService({ ...database.env, API_KEY: 'pretty-format-key-0123456789', LOG_FORMAT: 'pretty' });
    const openLine = await waitFor(() => svc!.rawLogs.find((line) => line.includes('in your browser')), { timeoutMs: 120_000, what: 'the start-up line' });
    const url = /Open (http:\/\/127\.0\.0\.1:\d+\/) in your browser/.exec(openLine)?.[1];
    expect(url).toBeDefined();
    expect(openLine).toMatch(/INFO/);
    expect(() => JSON.parse(openLine)).toThrow();
    expect((await fetch(`${url}readyz`)).status).toBe(200);
  }, 150_000);
});
