// The one place that starts child processes for yt-dlp, ffprobe and ffmpeg runs that only measure
// or list (ffmpeg runs that write a file go through fluent-ffmpeg, which spawns the same way). Always an argv array, never a shell: paths from
// Radarr/Sonarr may hold quotes, `$()`, backticks or `;`, and must reach the tool as plain data.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

/** Why we stopped a process ourselves (as opposed to it exiting on its own). */
export type StopReason = 'timeout' | 'aborted' | 'too-large';

export interface ProcessOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Set when we stopped the process; the first reason wins. */
  stopReason: StopReason | undefined;
  /** Set when the binary could not be started at all (ENOENT, EACCES, …). */
  spawnError: Error | undefined;
  /** Whole stdout when `collectStdout` was set, else ''. */
  stdout: string;
  stdoutTail: string;
  stderrTail: string;
}

export interface RunningProcess {
  readonly pid: number | undefined;
  /** SIGTERM the process group, then SIGKILL it after the grace period. Idempotent. */
  stop(reason: StopReason): void;
  readonly done: Promise<ProcessOutcome>;
}

export interface StartOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** How long SIGTERM gets before SIGKILL. */
  killGraceMs?: number;
  collectStdout?: boolean;
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
  /** Lines of stdout worth quoting in an error; the rest (progress chatter) stays out of the tail. */
  keepStdoutLine?: (line: string) => boolean;
  env?: NodeJS.ProcessEnv;
}

const TAIL_LINES = 40;
const DEFAULT_KILL_GRACE_MS = 2_000;

/** Keeps the last lines of a stream, so an error can quote what the tool said last. */
class LineTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(
    private readonly onLine?: (line: string) => void,
    private readonly keep: (line: string) => boolean = () => true,
  ) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r\n|\r|\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.accept(line);
  }

  end(): void {
    if (this.partial !== '') this.accept(this.partial);
    this.partial = '';
  }

  text(): string {
    return this.lines.join('\n');
  }

  private accept(line: string): void {
    this.onLine?.(line);
    if (line.trim() === '' || !this.keep(line)) return;
    this.lines.push(line);
    if (this.lines.length > TAIL_LINES) this.lines.shift();
  }
}

function notStarted(spawnError: Error): RunningProcess {
  const outcome: ProcessOutcome = {
    exitCode: null,
    signal: null,
    stopReason: undefined,
    spawnError,
    stdout: '',
    stdoutTail: '',
    stderrTail: '',
  };
  return { pid: undefined, stop: () => undefined, done: Promise.resolve(outcome) };
}

/**
 * Starts `bin` with `args` in its own process group (detached), so that stopping it also stops
 * anything it started — yt-dlp runs ffmpeg to merge formats, and a timeout must end both.
 */
export function startProcess(bin: string, args: readonly string[], options: StartOptions = {}): RunningProcess {
  const stdoutTail = new LineTail(options.onStdoutLine, options.keepStdoutLine);
  const stderrTail = new LineTail(options.onStderrLine);
  let stdout = '';
  let stopReason: StopReason | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  let exited = false;

  let child: ChildProcessByStdio<null, Readable, Readable>;
  try {
    child = spawn(bin, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: options.env ?? process.env,
    });
  } catch (error) {
    // spawn throws synchronously for arguments it cannot pass at all (a NUL byte, say).
    return notStarted(error instanceof Error ? error : new Error(String(error)));
  }

  const signalGroup = (sig: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // The group is already gone; nothing left to stop.
    }
  };

  const stop = (reason: StopReason): void => {
    if (exited || stopReason !== undefined) return;
    stopReason = reason;
    signalGroup('SIGTERM');
    killTimer = setTimeout(() => signalGroup('SIGKILL'), options.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
  };

  const onAbort = (): void => stop('aborted');
  const timeout =
    options.timeoutMs !== undefined ? setTimeout(() => stop('timeout'), options.timeoutMs) : undefined;
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop('aborted');

  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    if (options.collectStdout) stdout += chunk;
    stdoutTail.push(chunk);
  });
  child.stderr.on('data', (chunk: string) => stderrTail.push(chunk));

  const done = new Promise<ProcessOutcome>((resolve) => {
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void => {
      if (exited) return;
      exited = true;
      clearTimeout(timeout);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      // Children of a stopped tool (ffmpeg under yt-dlp) may outlive it; end them too.
      if (stopReason !== undefined) signalGroup('SIGKILL');
      stdoutTail.end();
      stderrTail.end();
      resolve({
        exitCode,
        signal,
        stopReason,
        spawnError,
        stdout,
        stdoutTail: stdoutTail.text(),
        stderrTail: stderrTail.text(),
      });
    };
    child.once('error', (error) => {
      // 'error' without a pid means the binary never started; 'close' will not follow.
      if (child.pid === undefined) finish(null, null, error);
    });
    child.once('close', (code, signal) => finish(code, signal));
  });

  return { pid: child.pid, stop, done };
}
