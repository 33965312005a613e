// Benchmarks that must not share the measuring process (the load generator, a clean peak-RSS
// reading, an idle service) run as child processes of the same Node with the same TypeScript
// loader. A child hands back its numbers as one marked JSON line on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const RESULT_MARK = '@@bench-result ';

/** Prints a child's result for {@link runChild} to find. */
export function reportToParent(result: unknown): void {
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(result)}\n`);
}

/**
 * `node --import tsx <script> ...args` from the repository root, on the Node running this;
 * `asService` adds the Node flags `npm run serve` starts the service with, for a child that runs
 * service code whose memory is measured.
 */
export function spawnTs(script: string, args: string[], env: Record<string, string> = {}, asService = false): ChildProcess {
  const flags = asService ? serveArgs().filter((arg, index, all) => arg.startsWith('--') && arg !== '--import' && all[index - 1] !== '--import') : [];
  return spawnNode([...flags, '--import', 'tsx', script, ...args], env);
}

/** The service exactly as `npm run serve` starts it (the script's Node flags included). */
export function spawnServe(env: Record<string, string> = {}): ChildProcess {
  return spawnNode(serveArgs(), env);
}

/** The arguments after `node` in package.json's `serve` script, so benches follow what ships. */
function serveArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const [command, ...args] = (pkg.scripts?.['serve'] ?? '').trim().split(/\s+/);
  if (command !== 'node' || args.length === 0) throw new Error(`package.json "serve" is not a plain "node ..." command: ${pkg.scripts?.['serve']}`);
  return args;
}

function spawnNode(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Runs a script to its end and returns the result it reported. Bounded: a child still running
 * after `timeoutMs` is killed and the run fails with what it printed.
 */
export function runChild<T>(
  script: string,
  args: string[],
  options: { env?: Record<string, string>; timeoutMs: number; asService?: boolean },
): Promise<T> {
  const child = spawnTs(script, args, options.env, options.asService);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8000)));
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((text) => text.startsWith(RESULT_MARK));
      if (code === 0 && line) {
        resolve(JSON.parse(line.slice(RESULT_MARK.length)) as T);
        return;
      }
      const why = timedOut ? `timed out after ${options.timeoutMs} ms` : `exited with ${signal ?? `code ${code}`}`;
      const output = `${stderr}\n${stdout}`.trim().slice(-3000);
      reject(new Error(`${script} ${why}${line ? '' : ' without a result'}:\n${output}`));
    });
  });
}
