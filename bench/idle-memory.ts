// Benchmark 7, idle memory: the service started the way users start it (the `npm run serve`
// command line from package.json, flags included), left alone, and its resident memory read from
// /proc/<pid>/status N seconds after it started serving, on PGlite and on Postgres, beside a bare Hono process
// started the same way. The three run at the same time, so they share the machine's conditions.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BACKENDS, createBenchDatabase, type BenchDatabase, type BenchOptions } from './bench-db.ts';
import { BENCH_API_KEY } from './bench-service.ts';
import { spawnServe, spawnTs } from './child-process.ts';
import { num, ratio, type Table } from './table.ts';

export type IdleSizes = { afterSeconds: number };

export const IDLE_SIZES: Record<'full' | 'quick', IdleSizes> = { full: { afterSeconds: 30 }, quick: { afterSeconds: 10 } };

// Start-up (module loading, migrations) takes seconds on a quiet machine, far more on a busy one.
const START_DEADLINE_S = 180;

export type IdleRun = {
  /** `bare-hono`, or `<backend> (first start|restart)` for the service. */
  target: string;
  /** Seconds from spawn until it said it was serving. */
  readySeconds: number;
  /** VmRSS `afterSeconds` after it was ready (serving). */
  rssMb: number;
  /** VmHWM: the highest RSS it reached, start-up included. */
  peakRssMb: number;
};

export type IdleResult = { sizes: IdleSizes; runs: IdleRun[] };

export async function runIdleMemoryBench({ quick = false, backends = BACKENDS }: BenchOptions = {}): Promise<IdleResult> {
  const sizes = IDLE_SIZES[quick ? 'quick' : 'full'];
  const databases: BenchDatabase[] = [];
  try {
    for (const backend of backends) databases.push(await createBenchDatabase(backend, 'idle'));
    const serve = (database: BenchDatabase) =>
      spawnServe({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', API_KEY: BENCH_API_KEY, DATABASE_URL: '', ...database.env });
    const isServing = (line: string) => line.includes('"Previewarr is running"');
    const runs = await Promise.all([
      measure('bare-hono', spawnTs('bench/bare-hono.ts', []), (line) => line.startsWith('{"port"'), sizes),
      ...databases.map((database) => measure(`${database.backend} (first start)`, serve(database), isServing, sizes)),
    ]);
    // A first start also creates the database (PGlite runs initdb in-process); a restart on the
    // same data is what the service runs as for most of its life.
    for (const database of databases) runs.push(await measure(`${database.backend} (restart)`, serve(database), isServing, sizes));
    return { sizes, runs };
  } finally {
    for (const database of databases) await database.drop();
  }
}

async function measure(target: string, child: ChildProcess, isReady: (line: string) => boolean, sizes: IdleSizes): Promise<IdleRun> {
  const spawnedAt = performance.now();
  let output = '';
  try {
    const readyAt = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${target} did not start within ${START_DEADLINE_S} s:\n${output.slice(-2000)}`)), START_DEADLINE_S * 1000);
      const onData = (chunk: string) => {
        output += chunk;
        if (output.split('\n').some(isReady)) {
          clearTimeout(timer);
          resolve(performance.now());
        }
      };
      child.stdout?.setEncoding('utf8').on('data', onData);
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${target} exited with ${code} before it was ready:\n${output.slice(-2000)}`));
      });
    });
    await new Promise((resolve) => setTimeout(resolve, sizes.afterSeconds * 1000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return { target, readySeconds: (readyAt - spawnedAt) / 1000, rssMb: statusKb(status, 'VmRSS') / 1024, peakRssMb: statusKb(status, 'VmHWM') / 1024 };
  } finally {
    await stopChild(child);
  }
}

function statusKb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`no ${field} in /proc status`);
  return Number(match[1]);
}

/** SIGTERM (the service shuts down gracefully), SIGKILL if it is still there after 15 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export function idleMemoryTable(result: IdleResult): Table {
  const bare = result.runs.find((run) => run.target === 'bare-hono');
  return {
    title: `Idle memory (${result.sizes.afterSeconds} s after start-up)`,
    headers: ['process', 'ready after s', 'RSS MB', 'vs bare', 'peak RSS MB'],
    rows: result.runs.map((run) => [
      run.target === 'bare-hono' ? 'bare-hono' : `service, ${run.target}`,
      num(run.readySeconds, 1),
      num(run.rssMb, 0),
      bare && run !== bare ? ratio(run.rssMb, bare.rssMb) : '—',
      num(run.peakRssMb, 0),
    ]),
    notes: [
      `each is its own process: the service as package.json's \`serve\` script runs it (all workers, LOG_LEVEL=info), the baseline with \`node --import tsx\`, spawned together; RSS is VmRSS from /proc/<pid>/status read ${result.sizes.afterSeconds} s after the process said it was serving, peak is VmHWM.`,
      'bare-hono: bench/bare-hono.ts, one route on the same @hono/node-server setup.',
    ],
  };
}
