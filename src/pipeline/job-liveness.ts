// Is the job behind a `running` attempt still being worked on? pg-boss knows the job's state; the
// attempt row knows which process (`host:pid`) ran it, so a process on this host that is gone is
// recognised at once instead of after pg-boss's heartbeat timeout.
import { sql } from 'drizzle-orm';
import { hostname } from 'node:os';
import type { Db, Tx } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';
import { BOSS_SCHEMA } from '../jobs/boss.ts';

export function currentWorker(): string {
  return `${hostname()}:${process.pid}`;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True only when we can tell: the worker ran on this host and its pid is gone. */
export function isWorkerDead(worker: string | null): boolean {
  if (worker === null) return false;
  const at = worker.lastIndexOf(':');
  const host = worker.slice(0, at);
  const pid = Number(worker.slice(at + 1));
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  return !pidAlive(pid);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** pg-boss state per job id (`created`, `retry`, `active`, `completed`, …); absent ids are gone. */
export async function jobStates(db: Db | Tx, jobIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(jobIds.filter((id): id is string => id !== null && UUID.test(id)))];
  const states = new Map<string, string>();
  if (ids.length === 0) return states;
  const result = await db.execute(
    sql`select id::text as id, state::text as state from ${sql.raw(`"${BOSS_SCHEMA}"`)}.job
        where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
  for (const row of rowsOf<{ id: string; state: string }>(result)) states.set(row.id, row.state);
  return states;
}
