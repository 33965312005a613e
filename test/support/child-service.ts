/**
 * The real service as a separate process (`node --import tsx src/main.ts`, exactly what the image
 * runs), for tests that kill it the hard way.
 *   const svc = await startChildService({ DATA_DIR: dir, API_KEY: key });   // waits until it listens
 *   await fetch(`${svc.url}/readyz`); await svc.kill();                      // SIGKILL, whole group
 *   const again = await startChildService({ …same env… });                   // restart on the same data
 * The child runs in its own process group, so `kill()` also takes the yt-dlp/ffmpeg it started,
 * as stopping a container would. Its JSON log lines are collected in `logs`/`rawLogs`.
 * `spawnChildService` returns before the service is up (for a start that is meant to fail).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './wait-for.ts';

const REPO = path.resolve(import.meta.dirname, '../..');

export type ChildExit = { code: number | null; signal: NodeJS.Signals | null };

export type ChildService = {
  process: ChildProcess;
  pid: number;
  /** Set once the service logged that it listens (startChildService waits for it). */
  url: string;
  logs: Array<Record<string, unknown>>;
  rawLogs: string[];
  stderr(): string;
  exited: Promise<ChildExit>;
  /** Sends `signal` (default SIGKILL) to the whole process group and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<ChildExit>;
  /** SIGTERM: the graceful stop; resolves with the exit. */
  stop(): Promise<ChildExit>;
};

/** Env entries the test run itself uses, which must not leak into the child's configuration. */
const INHERITED_OUT = ['DATABASE_URL', 'DATA_DIR', 'API_KEY', 'PORT', 'HOST', 'ROLE', 'LOG_LEVEL', 'TEST_DATABASE_URL'];

export function spawnChildService(env: Record<string, string>): ChildService {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !INHERITED_OUT.includes(key)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO,
    env: { ...base, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', BACKUP_KEEP: '0', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('the service process did not start');
  const pid = child.pid;
  const logs: Array<Record<string, unknown>> = [];
  const rawLogs: string[] = [];
  let pending = '';
  let stderr = '';
  const handle: ChildService = {
    process: child,
    pid,
    url: '',
    logs,
    rawLogs,
    stderr: () => stderr,
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-pid, signal);
        } catch {
          // Already gone between the check and the kill.
        }
      }
      return handle.exited;
    },
    stop: () => handle.kill('SIGTERM'),
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      rawLogs.push(line);
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return handle;
}

/** Spawns the service and waits until it listens; fails with its output if it exits first. */
export async function startChildService(env: Record<string, string>, { timeoutMs = 90_000 } = {}): Promise<ChildService> {
  const svc = spawnChildService(env);
  const listening = waitFor(() => svc.logs.find((line) => line.msg === 'Previewarr is running'), {
    timeoutMs,
    intervalMs: 50,
    what: 'the service process to listen',
  });
  const exitedFirst = svc.exited.then((exit) => {
    throw new Error(`the service exited (${JSON.stringify(exit)}) before listening:\n${svc.stderr()}\n${svc.rawLogs.join('\n')}`);
  });
  let running: Record<string, unknown>;
  try {
    running = await Promise.race([listening, exitedFirst]);
  } catch (err) {
    await svc.kill();
    throw err;
  }
  exitedFirst.catch(() => {});
  svc.url = `http://127.0.0.1:${String(running.port)}`;
  return svc;
}
