// At start, before any worker runs: what a killed process left behind. Every partial file in a
// media folder (extras and season folders included) was recorded in its attempt row before it was written, and every raw download
// lives in DATA_DIR/work; attempts whose job is no longer running (or whose process on this
// host is gone) lose both, and their job is made due now so the item is fetched again at once.
import { eq, inArray } from 'drizzle-orm';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { downloadAttempts, type AttemptRow } from '../db/schema/index.ts';
import { readSettings } from '../db/settings-store.ts';
import { removePartialFile, removeWorkDir } from '../files/partial-files.ts';
import { QUEUES } from '../jobs/queues.ts';
import { setSlotStatus } from '../library/slot-status.ts';
import { showTrailersQueued } from '../library/trailer-fetch-queue.ts';
import { loadProfile } from './trailer-profile.ts';
import { isWorkerDead, jobStates } from './job-liveness.ts';

export interface CleanupReport {
  interruptedAttempts: number;
  partialFilesRemoved: string[];
  workDirsRemoved: number;
}

export interface CleanupDeps {
  db: Db;
  boss: PgBoss;
  logger: Logger;
  workRoot: string;
  /** This process's `host:pid`: an attempt recorded under it is from an earlier life of the pid. */
  worker: string;
}

export async function cleanupInterruptedWork(deps: CleanupDeps): Promise<CleanupReport> {
  const { db, boss, logger, workRoot } = deps;
  const report: CleanupReport = { interruptedAttempts: 0, partialFilesRemoved: [], workDirsRemoved: 0 };
  const running = await db.select().from(downloadAttempts).where(eq(downloadAttempts.outcome, 'running'));
  const states = await jobStates(db, running.map((row) => row.jobId));
  const live = new Set<string>();
  const dead = running.filter((row) => {
    const state = row.jobId !== null ? states.get(row.jobId) : undefined;
    const alive = state === 'active' && row.worker !== deps.worker && !isWorkerDead(row.worker);
    if (alive && row.workDir !== null) live.add(path.resolve(row.workDir));
    return !alive;
  });

  for (const row of dead) {
    if (row.partialPath !== null && (await removePartialFile(row.partialPath).catch(() => false))) {
      report.partialFilesRemoved.push(row.partialPath);
    }
    if (row.workDir !== null) await removeWorkDir(workRoot, row.workDir).catch(() => undefined);
  }
  if (dead.length > 0) {
    await db
      .update(downloadAttempts)
      .set({ outcome: 'failed', errorKind: 'interrupted', error: 'interrupted: the process running it stopped', finishedAt: new Date() })
      .where(inArray(downloadAttempts.id, dead.map((row) => row.id)));
    await showSlotsQueued(db, dead, 'interrupted by a restart; retrying');
    report.interruptedAttempts = dead.length;
  }
  await retryInterruptedJobs(boss, dead.flatMap((row) => (row.jobId !== null ? [{ id: row.jobId, state: states.get(row.jobId) }] : [])), logger);

  // Raw downloads nobody is working on (including folders whose attempt row is long gone).
  await mkdir(workRoot, { recursive: true });
  for (const name of await readdir(workRoot)) {
    const dir = path.join(workRoot, name);
    if (live.has(dir)) continue;
    await removeWorkDir(workRoot, dir).catch(() => undefined);
    report.workDirsRemoved += 1;
  }
  if (report.interruptedAttempts > 0 || report.workDirsRemoved > 0) logger.info(report, 'cleaned up after an interrupted run');
  return report;
}

/** The slots of interrupted attempts show `queued` again: the main trailer's on the media row, others on their slot row. */
async function showSlotsQueued(db: Db, dead: readonly AttemptRow[], reason: string): Promise<void> {
  const mainProfileId = await loadProfile(db, await readSettings(db)).then((p) => p.row.id, () => undefined);
  const isMain = (row: AttemptRow): boolean => row.profileId === null || (row.profileId === mainProfileId && row.season === null);
  await showTrailersQueued(db, [...new Set(dead.filter(isMain).map((row) => row.mediaId))], reason);
  for (const row of dead.filter((r) => !isMain(r))) {
    await setSlotStatus(db, { mediaId: row.mediaId, profileId: row.profileId ?? undefined, season: row.season ?? undefined }, 'queued', reason);
  }
}

/**
 * The job of a killed process is still `active` (on Postgres until its heartbeat times out) or
 * waits out a retry delay: fail it if needed and make it due now.
 */
async function retryInterruptedJobs(boss: PgBoss, jobs: Array<{ id: string; state: string | undefined }>, logger: Logger): Promise<void> {
  for (const job of jobs) {
    try {
      if (job.state === 'active') await boss.fail(QUEUES.trailerFetch, job.id, { message: 'its process stopped; retrying' });
      if (job.state === 'active' || job.state === 'retry' || job.state === 'created') {
        await boss.update(QUEUES.trailerFetch, undefined, { id: job.id, startAfter: new Date() });
      }
    } catch (err) {
      logger.warn({ err, jobId: job.id }, 'could not make an interrupted job due now; pg-boss retries it later');
    }
  }
}
