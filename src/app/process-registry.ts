// Every process on the database announces itself in `service_processes` at start and keeps its
// row fresh while it runs. The row carries the per-process environment settings that must be the
// same in every process of one installation (a worker with another URL template would fetch other
// videos; with another DATA_DIR it would not find the uploaded cookies.txt). The web process shows
// a mismatch on the dashboard; each process also logs one at start.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { gt, lt, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import type { Db } from '../db/client.ts';
import { serviceProcesses } from '../db/schema/index.ts';
import { settingMismatches, type SettingMismatch } from '../domain/setting-mismatch.ts';

/** How often a process refreshes its row, and how long a row counts as alive without one. */
export const PROCESS_BEAT_MS = 15_000;
export const PROCESS_ALIVE_SECONDS = 60;
/** Rows of processes gone this long are removed by the next process that starts. */
const FORGET_AFTER_SECONDS = 24 * 3600;

export const SHARED_SETTINGS = ['TRAILER_URL_TEMPLATE', 'TMDB_API_URL', 'DATA_DIR', 'UMASK', 'PUID', 'PGID'] as const;

/** A URL's user:password never leaves the process (the dashboard and logs show the rest). */
function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1••••@');
}

/** The settings of this process that must match the others', as displayable text. */
export function sharedSettingsOf(env: Env): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of SHARED_SETTINGS) {
    const raw = env[key];
    if (raw === undefined) {
      values[key] = '(unset)';
      continue;
    }
    values[key] = key === 'DATA_DIR' ? path.resolve(String(raw)) : withoutCredentials(String(raw));
  }
  return values;
}

export interface ProcessRegistration {
  id: string;
  stop(): Promise<void>;
}

export async function registerProcess(db: Db, env: Env, logger: Logger): Promise<ProcessRegistration> {
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const settings = sharedSettingsOf(env);
  await db.delete(serviceProcesses).where(lt(serviceProcesses.seenAt, sql`now() - make_interval(secs => ${FORGET_AFTER_SECONDS})`));
  await db.insert(serviceProcesses).values({ id, role: env.ROLE, settings });
  const mismatches = settingMismatches(await liveProcesses(db));
  for (const mismatch of mismatches) {
    logger.warn(
      { setting: mismatch.setting, values: mismatch.values },
      `${mismatch.setting} differs between the running Previewarr processes; set it the same on every process`,
    );
  }
  const timer = setInterval(() => {
    db.update(serviceProcesses)
      .set({ seenAt: new Date() })
      .where(eq(serviceProcesses.id, id))
      .catch((err: unknown) => logger.debug({ err }, 'process heartbeat not written'));
  }, PROCESS_BEAT_MS);
  timer.unref();
  return {
    id,
    async stop() {
      clearInterval(timer);
      await db.delete(serviceProcesses).where(eq(serviceProcesses.id, id)).catch(() => undefined);
    },
  };
}

export type LiveProcess = typeof serviceProcesses.$inferSelect;

export function liveProcesses(db: Db): Promise<LiveProcess[]> {
  return db
    .select()
    .from(serviceProcesses)
    .where(gt(serviceProcesses.seenAt, sql`now() - make_interval(secs => ${PROCESS_ALIVE_SECONDS})`))
    .orderBy(serviceProcesses.startedAt);
}

/** What the dashboard warns about: settings that differ between the processes alive now. */
export async function liveSettingMismatches(db: Db): Promise<SettingMismatch[]> {
  return settingMismatches(await liveProcesses(db));
}
