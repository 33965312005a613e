// The embedded database's folder deleted under a running service: PGlite keeps writing into files
// it has open, so queries still answer, but nothing written survives. Readiness and the webhook
// route must notice and answer 503 (a 2xx would acknowledge an event that is then lost).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrFixture } from '../../support/fake-arr-data.ts';
import { postWebhook } from '../../support/arr-webhook-client.ts';
import type { TestDatabase } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

describe('a deleted data folder (embedded database, on every backend run)', () => {
  let svc: TestService;
  const dataDir = mkdtempSync(join(tmpdir(), 'previewarr-gone-'));
  // Always PGlite, whichever backend the run tests: this failure only exists for the embedded database.
  const database: TestDatabase = { kind: 'pglite', dataDir, env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };

  beforeAll(async () => {
    svc = await startTestService({ database, workers: () => [] });
  });
  afterAll(async () => {
    await svc?.stopService().catch(() => {});
    await database.drop();
  });

  it('readiness and webhooks answer 503 once the folder or its lock file is gone', async () => {
    const webhook = () => postWebhook(`${svc.url}/webhooks/radarr?apikey=${svc.apiKey}`, arrFixture('radarr', 'webhook-download'), { app: 'radarr' });
    expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
    expect((await webhook()).status).toBeLessThan(300);

    rmSync(join(dataDir, 'previewarr.lock'));
    const ready = await fetch(`${svc.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toContain('lock file');
    expect((await webhook()).status).toBe(503);

    rmSync(dataDir, { recursive: true, force: true });
    expect((await fetch(`${svc.url}/readyz`)).status).toBe(503);
    expect((await webhook()).status).toBe(503);
  });
});
