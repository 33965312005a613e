// `download_attempts`: one row per try of one candidate, shown on the item page. A `running` row
// is also the slot's lease: while a live job holds one, another job for the same slot (item,
// profile, season) backs off, so two workers never download and place one slot's file at the
// same time. Two slots of one item (its trailer and its featurette) run side by side.
import { and, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Db, Tx } from '../db/client.ts';
import { downloadAttempts, media, type AttemptRow } from '../db/schema/index.ts';
import { withoutCredentials } from '../domain/source-url.ts';
import type { TrailerCandidate } from '../sources/trailer-candidate.ts';
import { isWorkerDead, jobStates } from './job-liveness.ts';
import { sameSlot } from './slot-context.ts';

export interface LeftoverFiles {
  partialPath: string | null;
  workDir: string | null;
}

export interface AttemptFinish {
  outcome: 'succeeded' | 'failed';
  errorKind?: string | undefined;
  error?: string | undefined;
  nextTryAt?: Date | undefined;
}

export type StartAttemptResult =
  | { ok: true; attemptId: number; workDir: string; leftovers: LeftoverFiles[] }
  | { ok: false; busyJobId: string | null }
  | { ok: false; gone: true };

/** The slot an attempt belongs to (the main trailer's too: its profile's real id, no season). */
export interface AttemptSlot {
  profileId: number;
  season: number | null;
}

export interface StartAttemptInput {
  mediaId: number;
  slot: AttemptSlot;
  jobId: string;
  worker: string;
  workRoot: string;
  candidate: Pick<TrailerCandidate, 'url' | 'videoId'>;
  /** The previous candidate's attempt, closed in the same transaction so the lease never lapses. */
  finishPrevious?: { attemptId: number; finish: AttemptFinish } | undefined;
}

const INTERRUPTED = { outcome: 'failed' as const, errorKind: 'interrupted', error: 'interrupted: the process running it stopped' };

/**
 * Running attempts of other jobs that are no longer alive: their job is not active any more, its
 * process on this host is gone, or it is an earlier run of this very job (a pg-boss retry keeps
 * the job id). Marks them interrupted and returns their files for removal after the commit.
 */
async function closeStaleAttempts(tx: Tx, mediaId: number, slot: AttemptSlot, jobId: string | null): Promise<{ busy?: AttemptRow; leftovers: LeftoverFiles[] }> {
  const running = await tx
    .select()
    .from(downloadAttempts)
    .where(and(eq(downloadAttempts.mediaId, mediaId), sameSlot(downloadAttempts, slot), eq(downloadAttempts.outcome, 'running')));
  if (running.length === 0) return { leftovers: [] };
  const states = await jobStates(tx, running.map((row) => row.jobId));
  const stale: AttemptRow[] = [];
  for (const row of running) {
    const live = row.jobId !== jobId && row.jobId !== null && states.get(row.jobId) === 'active' && !isWorkerDead(row.worker);
    if (live) return { busy: row, leftovers: [] };
    stale.push(row);
  }
  await tx
    .update(downloadAttempts)
    .set({ ...INTERRUPTED, finishedAt: new Date() })
    .where(inArray(downloadAttempts.id, stale.map((row) => row.id)));
  return { leftovers: stale.map((row) => ({ partialPath: row.partialPath, workDir: row.workDir })) };
}

export async function startAttempt(db: Db, input: StartAttemptInput): Promise<StartAttemptResult> {
  return db.transaction(async (tx) => {
    // The row lock serialises lease checks for one item across processes.
    const [locked] = await tx.select({ id: media.id }).from(media).where(eq(media.id, input.mediaId)).for('update');
    if (locked === undefined) return { ok: false, gone: true } as const;
    if (input.finishPrevious !== undefined) await finishAttemptIn(tx, input.finishPrevious.attemptId, input.finishPrevious.finish);
    const { busy, leftovers } = await closeStaleAttempts(tx, input.mediaId, input.slot, input.jobId);
    if (busy !== undefined) return { ok: false, busyJobId: busy.jobId } as const;
    const workDir = path.join(input.workRoot, `${input.mediaId}-${randomUUID()}`);
    const [row] = await tx
      .insert(downloadAttempts)
      .values({
        mediaId: input.mediaId,
        profileId: input.slot.profileId,
        season: input.slot.season,
        jobId: input.jobId,
        sourceUrl: withoutCredentials(input.candidate.url),
        sourceVideoId: input.candidate.videoId,
        outcome: 'running',
        worker: input.worker,
        workDir,
      })
      .returning({ id: downloadAttempts.id });
    if (row === undefined) throw new Error('inserting a download attempt returned no row');
    return { ok: true, attemptId: row.id, workDir, leftovers } as const;
  });
}

async function finishAttemptIn(db: Db | Tx, attemptId: number, finish: AttemptFinish): Promise<void> {
  await db
    .update(downloadAttempts)
    .set({
      outcome: finish.outcome,
      errorKind: finish.errorKind ?? null,
      error: finish.error?.slice(0, 2000) ?? null,
      nextTryAt: finish.nextTryAt ?? null,
      finishedAt: new Date(),
    })
    .where(eq(downloadAttempts.id, attemptId));
}

export function finishAttempt(db: Db | Tx, attemptId: number, finish: AttemptFinish): Promise<void> {
  return finishAttemptIn(db, attemptId, finish);
}

/** Recorded BEFORE the partial file is written, so a crash can never leave an unknown file. */
export async function recordPartialPath(db: Db, attemptId: number, partialPath: string): Promise<void> {
  await db.update(downloadAttempts).set({ partialPath }).where(eq(downloadAttempts.id, attemptId));
}

/** Stale running attempts of one slot (a job starting over cleans up after its dead predecessor). */
export async function closeStaleAttemptsOf(db: Db, mediaId: number, slot: AttemptSlot, jobId: string | null): Promise<{ busy: boolean; leftovers: LeftoverFiles[] }> {
  return db.transaction(async (tx) => {
    const result = await closeStaleAttempts(tx, mediaId, slot, jobId);
    return { busy: result.busy !== undefined, leftovers: result.leftovers };
  });
}
