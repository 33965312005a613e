/**
 * A PostgreSQL cluster of the test's own, made with initdb and run with pg_ctl on a free port, so
 * a test can stop and start the server under a running service without touching the machine's
 * shared one.
 *   const cluster = await startThrowawayCluster();   // or ({ maxConnections: 20 }); cluster.url → postgres://postgres@127.0.0.1:<port>/postgres
 *   await cluster.stop('immediate'); await cluster.start(); await cluster.destroy();
 *   await startTestService({ database: clusterTestDatabase(cluster, 'outage') });   // the service on it
 * initdb refuses to run as root, so as root every command runs as the `postgres` user (runuser)
 * on a temp directory handed to that user. `clusterUnavailableReason()` says why a machine
 * cannot do this (no binaries, no postgres user), for `describe.skipIf`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDatabase } from './test-db.ts';

export type ThrowawayCluster = {
  port: number;
  url: string;
  dataDir: string;
  /** `immediate` drops every connection at once (like a crash); `fast` rolls back and closes. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (if running) and removes its directory. */
  destroy(): Promise<void>;
};

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

const runningAsRoot = process.getuid?.() === 0;

function postgresUser(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** Why this machine cannot run a throwaway cluster, or null when it can. */
export function clusterUnavailableReason(): string | null {
  if (!binDir()) return 'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin';
  if (runningAsRoot && !postgresUser()) return 'running as root and there is no postgres user to run initdb as';
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a server binary (as the postgres user when we are root); rejects with its output. */
function run(bin: string, args: string[]): Promise<void> {
  const [command, argv] = runningAsRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, argv as string[], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${bin} ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

/** `maxConnections`: the server's connection slots (a test can fill them all without touching anyone else's server). */
export async function startThrowawayCluster({ maxConnections = 100 }: { maxConnections?: number } = {}): Promise<ThrowawayCluster> {
  const reason = clusterUnavailableReason();
  if (reason) throw new Error(`cannot run a throwaway PostgreSQL cluster: ${reason}`);
  const bin = binDir()!;
  const dir = mkdtempSync(join(tmpdir(), 'previewarr-cluster-'));
  const owner = runningAsRoot ? postgresUser() : null;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const dataDir = join(dir, 'data');
  const port = await freePort();
  await run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // The socket goes into our own directory; only TCP on loopback is used by the service.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=${maxConnections}`;
  let running = false;
  const cluster: ThrowawayCluster = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    async start() {
      await run(join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
      running = true;
    },
    async stop(mode = 'fast') {
      await run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    async destroy() {
      if (running) await cluster.stop('immediate').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

/**
 * The cluster's `postgres` database as a service's test database, with a fresh DATA_DIR
 * (`previewarr-<label>-…`); its `drop` removes only that directory: the cluster goes with `destroy`.
 */
export function clusterTestDatabase(cluster: ThrowawayCluster, label: string): TestDatabase {
  const dataDir = mkdtempSync(join(tmpdir(), `previewarr-${label}-`));
  return {
    kind: 'postgres',
    dataDir,
    databaseUrl: cluster.url,
    env: { DATA_DIR: dataDir, DATABASE_URL: cluster.url },
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
