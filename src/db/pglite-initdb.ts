// A new PGlite data directory is created in a short-lived child process. initdb grows PGlite's
// WebAssembly memory, which never shrinks: done in the service's own process it kept ~140 MB
// resident for as long as the service ran (a first start idled at ~390 MB, a restart at ~310).
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CHILD_SCRIPT = fileURLToPath(new URL('./pglite-initdb-child.mjs', import.meta.url));

/**
 * Makes sure `pgdata` holds a PGlite cluster. The child writes into a scratch directory that is
 * renamed into place only once initdb has finished, so a start killed halfway leaves no
 * half-made cluster that a later start would take for a real one.
 */
export async function ensurePgliteCluster(pgdata: string): Promise<void> {
  if (existsSync(pgdata)) return;
  const scratch = `${pgdata}.initdb`;
  rmSync(scratch, { recursive: true, force: true });
  await runChild(scratch);
  renameSync(scratch, pgdata);
}

function runChild(target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD_SCRIPT, target], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', (err) => reject(new Error(`could not start PGlite initdb in a child process: ${err.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve();
      rmSync(target, { recursive: true, force: true });
      reject(new Error(`creating the embedded database in ${target} failed (${signal ?? `exit ${code}`}): ${stderr.trim().slice(-1000)}`));
    });
  });
}
