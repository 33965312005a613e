// Everything the pipeline's workers share within one process: the tool edges, the limiter, the
// ffmpeg slots, where raw downloads go. Tests and benchmarks override pieces through
// PipelineOptions (a clock, a search that reads recorded results, short cool-offs).
import path from 'node:path';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import type { Db } from '../db/client.ts';
import type { BackoffOptions, RandomSource } from '../domain/backoff.ts';
import type { Clock } from '../domain/rate-limiter.ts';
import { ownershipFromEnv, type FileOwnership } from '../files/ownership.ts';
import type { ServiceDeps } from '../app/service-deps.ts';
import { createFfmpeg, type Ffmpeg } from '../media-tools/ffmpeg.ts';
import { detectJsRuntimes } from '../media-tools/js-runtimes.ts';
import { createYtdlp, type Ytdlp } from '../media-tools/ytdlp.ts';
import { ytdlpBinary } from '../ytdlp-updater/managed-ytdlp.ts';
import { createTmdbClient, type TmdbClient } from '../sources/tmdb-client.ts';
import { currentWorker } from './job-liveness.ts';
import { RateLimitGate } from './rate-limit-gate.ts';
import { Semaphore } from './semaphore.ts';

/** A yt-dlp search: the raw entries it printed. */
export type SearchFn = (query: string, count: number, signal?: AbortSignal) => Promise<unknown[]>;

export interface PipelineOptions {
  clock?: Clock;
  random?: RandomSource;
  search?: SearchFn;
  tmdb?: (apiKey: string) => TmdbClient;
  /** Delays between transient retries (default 1 min doubling to 6 h). */
  backoff?: BackoffOptions;
  /** Transient failures in a row before the item needs attention (default 8). */
  maxTransientRetries?: number;
  rateLimit?: { baseCooldownMs?: number; maxCooldownMs?: number };
  /** Candidates downloaded per job at most (default 5). */
  maxCandidateTries?: number;
  /** Delay before a job that found another job busy with its item tries again (default 30 s). */
  busyRetryMs?: number;
}

export interface PipelineRuntime {
  db: Db;
  boss: PgBoss;
  env: Env;
  logger: Logger;
  ytdlp: Ytdlp;
  ffmpeg: Ffmpeg;
  search: SearchFn;
  tmdb: (apiKey: string) => TmdbClient;
  clock: Clock;
  random: RandomSource;
  backoff: BackoffOptions;
  maxTransientRetries: number;
  maxCandidateTries: number;
  busyRetryMs: number;
  gate: RateLimitGate;
  ffmpegSlots: Semaphore;
  /** DATA_DIR/work: raw downloads, one folder per attempt. */
  workRoot: string;
  worker: string;
  ownership: FileOwnership;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 60_000, maxMs: 6 * 3600_000, factor: 2 };

export function workRootOf(env: Pick<Env, 'DATA_DIR'>): string {
  return path.join(path.resolve(env.DATA_DIR), 'work');
}

export function createPipelineRuntime(deps: ServiceDeps, options: PipelineOptions = {}): PipelineRuntime {
  const { env, logger, boss } = deps;
  if (boss === null) throw new Error('the trailer pipeline needs the job queue');
  const db = deps.database.db;
  const clock = options.clock ?? Date;
  const ytdlp = createYtdlp({
    ytdlpPath: () => ytdlpBinary(env),
    ffmpegPath: env.FFMPEG_PATH,
    jsRuntimes: detectJsRuntimes(),
    pluginDir: env.YTDLP_PLUGIN_DIR,
  });
  return {
    db,
    boss,
    env,
    logger: logger.child({ component: 'pipeline' }),
    ytdlp,
    ffmpeg: createFfmpeg({ ffmpegPath: env.FFMPEG_PATH, ffprobePath: env.FFPROBE_PATH }),
    search: options.search ?? ((query, count, signal) => ytdlp.searchEntries(query, count, signal !== undefined ? { signal } : {})),
    tmdb: options.tmdb ?? ((apiKey) => createTmdbClient({ baseUrl: env.TMDB_API_URL, apiKey })),
    clock,
    random: options.random ?? Math.random,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    maxTransientRetries: options.maxTransientRetries ?? 8,
    maxCandidateTries: options.maxCandidateTries ?? 5,
    busyRetryMs: options.busyRetryMs ?? 30_000,
    gate: new RateLimitGate(db, { clock, baseCooldownMs: options.rateLimit?.baseCooldownMs, maxCooldownMs: options.rateLimit?.maxCooldownMs }),
    ffmpegSlots: new Semaphore(env.FFMPEG_CONCURRENCY),
    workRoot: workRootOf(env),
    worker: currentWorker(),
    ownership: ownershipFromEnv(env),
  };
}
