// "yt-dlp outdated" reaches the targets that asked for it: once per old version, never for a
// current one, and not for a target that did not pick the event.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationTargets, outbox } from '../../src/db/schema/index.ts';
import { outboundDepsOf } from '../../src/outbound/outbound-deps.ts';
import { watchYtdlpAge } from '../../src/outbound/ytdlp-age-events.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';

describe(`yt-dlp outdated notification (${testBackend})`, () => {
  let svc: TestService;
  let wantsIt: number;

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    const db = svc.deps.database.db;
    const [row] = await db.insert(notificationTargets).values({ name: 'ntfy', kind: 'ntfy', url: 'http://127.0.0.1:9/topic', events: ['ytdlp-outdated'] }).returning();
    wantsIt = row!.id;
    await db.insert(notificationTargets).values({ name: 'gotify', kind: 'gotify', url: 'http://127.0.0.1:9/', events: ['trailer-placed'] });
  });
  afterAll(async () => {
    await svc?.stop();
  });

  const queued = async () => {
    const rows = await svc.deps.database.db.select().from(outbox).where(eq(outbox.channel, 'notification'));
    return rows.map((row) => ({ targetId: row.targetId, kind: (row.payload as { kind: string }).kind, message: (row.payload as { message: string }).message }));
  };

  it('announces an old yt-dlp once, to the target that picked the event, and stays quiet for a current one', async () => {
    const now = () => new Date('2026-12-05T12:00:00Z');
    let version: string | undefined = '2026.11.30';
    const watch = watchYtdlpAge(outboundDepsOf(svc.deps), async () => version, now);
    await watch.firstRun;
    expect(await queued()).toEqual([]);
    watch.stop();

    version = '2023.03.04';
    const old = watchYtdlpAge(outboundDepsOf(svc.deps), async () => version, now);
    await old.firstRun;
    old.stop();
    const again = watchYtdlpAge(outboundDepsOf(svc.deps), async () => version, now);
    await again.firstRun;
    again.stop();
    const rows = await queued();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ targetId: wantsIt, kind: 'ytdlp-outdated' });
    expect(rows[0]!.message).toContain('yt-dlp 2023.03.04 is 1372 days old');
  });

  it('survives a yt-dlp that does not answer', async () => {
    const watch = watchYtdlpAge(outboundDepsOf(svc.deps), async () => undefined);
    await expect(watch.firstRun).resolves.toBeUndefined();
    watch.stop();
  });
});
