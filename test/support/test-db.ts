/**
 * One fresh database per test file, on the backend the run was started with:
 * - TEST_DATABASE_URL set → a new Postgres database created on that server, dropped afterwards;
 * - unset → a new PGlite data directory in a temp folder, removed afterwards.
 * `env` holds what to merge into the service environment (DATABASE_URL or DATA_DIR).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

export type TestDatabase = {
  kind: 'pglite' | 'postgres';
  /** Always a fresh temp directory (also the PGlite location when kind is pglite). */
  dataDir: string;
  /** Environment for the service: DATA_DIR always, DATABASE_URL on Postgres. */
  env: Record<string, string>;
  databaseUrl?: string;
  drop(): Promise<void>;
};

export const testBackend: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** `empty: true` skips the migrated PGlite template (for tests of the migrations themselves). */
export async function createTestDatabase(label = 'test', { empty = false } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `previewarr-${label}-`));
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    // A copy of the migrated template made by global-setup.ts (when the run has one).
    const template = process.env.PREVIEWARR_PGLITE_TEMPLATE;
    if (template && !empty) cpSync(template, join(dataDir, 'pglite'), { recursive: true });
    return {
      kind: 'pglite',
      dataDir,
      env: { DATA_DIR: dataDir },
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `previewarr_${label.replace(/\W/g, '_').slice(0, 20)}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`.toLowerCase();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind: 'postgres',
    dataDir,
    databaseUrl,
    env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    async drop() {
      const adminAgain = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await adminAgain.unsafe(`drop database if exists "${name}" with (force)`);
      await adminAgain.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
