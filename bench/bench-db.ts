// A throwaway database per benchmark, on either backend: a temp PGlite data directory, or a new
// database on the local Postgres server (created here, dropped by `drop()`). The service runs the
// migrations itself when it starts on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: readonly Backend[] = ['pglite', 'postgres'];

/** What every benchmark takes: shrunk sizes, and which database backends to run on. */
export type BenchOptions = { quick?: boolean; backends?: readonly Backend[] };

/** The Postgres server the benchmarks create their databases on (loopback, trust auth). */
export const POSTGRES_ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type BenchDatabase = {
  backend: Backend;
  /** A fresh temp directory: the PGlite location, and DATA_DIR (work files) on either backend. */
  dataDir: string;
  /** DATA_DIR always, DATABASE_URL on Postgres: what to merge into the service environment. */
  env: Record<string, string>;
  databaseUrl?: string;
  drop(): Promise<void>;
};

export async function createBenchDatabase(backend: Backend, label: string): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `previewarr-bench-${label}-`));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (backend === 'pglite') {
    return { backend, dataDir, env: { DATA_DIR: dataDir }, drop: async () => removeDir() };
  }
  const name = `previewarr_bench_${label.replace(/\W/g, '_').slice(0, 20)}_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
  const admin = postgres(POSTGRES_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } catch (err) {
    removeDir();
    throw new Error(`cannot create a benchmark database on ${POSTGRES_ADMIN_URL}: ${String(err)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    backend,
    dataDir,
    databaseUrl,
    env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    async drop() {
      const again = postgres(POSTGRES_ADMIN_URL, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await again.end();
        removeDir();
      }
    },
  };
}
