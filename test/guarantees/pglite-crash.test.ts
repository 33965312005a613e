// Promise (embedded database): an event acknowledged with a 2xx survives the process being
// killed with SIGKILL in the middle of a burst; the restarted process takes the data directory
// over (its owner is dead), starts ready, and a second process on the same directory is refused.
//
// Always PGlite, whichever backend the run uses: this is the embedded database's own promise.
import { inArray } from 'drizzle-orm';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { webhookEvents } from '../../src/db/schema/index.ts';
import { spawnChildService, startChildService, type ChildService } from '../support/child-service.ts';
import { TEST_API_KEY } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { makeImportLibrary, type ImportLibrary } from './import-library.ts';
import { acknowledged, sendBurst, type BurstReply } from './webhook-burst.ts';

describe('embedded PGlite after SIGKILL', () => {
  let dataDir: string;
  let library: ImportLibrary;
  const children: ChildService[] = [];

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'previewarr-pglite-crash-'));
    // The migrated template of a PGlite run saves ~5 s of initdb; a Postgres run has none.
    const template = process.env.PREVIEWARR_PGLITE_TEMPLATE;
    if (template) cpSync(template, join(dataDir, 'pglite'), { recursive: true });
    library = makeImportLibrary(600);
  });

  afterAll(async () => {
    for (const child of children) await child.kill();
    rmSync(dataDir, { recursive: true, force: true });
    library?.remove();
  });

  const env = () => ({ DATA_DIR: dataDir, API_KEY: TEST_API_KEY });
  async function start(): Promise<ChildService> {
    const child = await startChildService(env());
    children.push(child);
    return child;
  }

  it('keeps every acknowledged event and refuses a second process on the directory', async () => {
    const first = await start();
    const replies: BurstReply[] = [];
    let killed = false;
    // No connection is set up, so each import is kept as "needs setup": stored, nothing to run.
    const burst = sendBurst(`${first.url}/webhooks/radarr`, TEST_API_KEY, library.movies, replies, {
      concurrency: 16,
      stop: () => killed,
    });
    await waitFor(() => acknowledged(replies).length >= 100, { timeoutMs: 60_000, what: '100 webhooks acknowledged' });
    await first.kill();
    killed = true;
    await burst;
    const acked = acknowledged(replies);
    expect(acked.length).toBeGreaterThanOrEqual(100);
    expect(acked.every((reply) => reply.eventId !== undefined)).toBe(true);

    // The dead owner's lock is taken over; the database opens ready, with nothing to repair by hand.
    const second = await start();
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    const refused = spawnChildService(env());
    children.push(refused);
    expect((await refused.exited).code).toBe(1);
    expect(refused.stderr()).toMatch(/Another Previewarr process \(pid \d+ on .+\) is using the data directory/);
    expect((await second.stop()).code).toBe(0);

    const handle = await openDatabase({ dataDir });
    try {
      const ids = acked.map((reply) => reply.eventId!);
      const rows = await handle.db
        .select({ id: webhookEvents.id, rawBody: webhookEvents.rawBody })
        .from(webhookEvents)
        .where(inArray(webhookEvents.id, ids));
      expect(rows.map((row) => row.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
      // Each row is the event that was acknowledged with its id, not just some row.
      const movieOf = new Map(acked.map((reply) => [reply.eventId!, reply.movieId]));
      for (const row of rows) {
        expect((JSON.parse(row.rawBody) as { movie: { id: number } }).movie.id).toBe(movieOf.get(row.id));
      }
      const all = await handle.db.select({ id: webhookEvents.id }).from(webhookEvents);
      expect(all.length).toBeLessThanOrEqual(replies.length);
    } finally {
      await handle.close();
    }
  }, 240_000);
});
