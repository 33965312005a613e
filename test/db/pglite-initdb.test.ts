// A new embedded database is created by a child process and renamed into place whole.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from '../../src/db/client.ts';
import { ensurePgliteCluster } from '../../src/db/pglite-initdb.ts';

describe('PGlite cluster creation (embedded PGlite)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'previewarr-initdb-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('creates the cluster in a child process, replaces a half-made scratch copy, and the service opens it', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const pgdata = join(dataDir, 'pglite');
    // What a start killed during initdb leaves behind.
    mkdirSync(`${pgdata}.initdb`);
    writeFileSync(join(`${pgdata}.initdb`, 'PG_VERSION'), '17\n');

    await ensurePgliteCluster(pgdata);
    expect(existsSync(join(pgdata, 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(pgdata, 'base'))).toBe(true);
    expect(readdirSync(dataDir).sort()).toEqual(['pglite']);

    const database = await openDatabase({ dataDir });
    try {
      const rows = rowsOf<{ n: number }>(await database.db.execute(sql`select 41 + 1 as n`));
      expect(rows[0]?.n).toBe(42);
    } finally {
      await database.close();
    }
  });

  it('leaves an existing cluster alone', async () => {
    const pgdata = join(tempDir(), 'pglite');
    mkdirSync(pgdata);
    writeFileSync(join(pgdata, 'marker'), 'mine');
    await ensurePgliteCluster(pgdata);
    expect(readdirSync(pgdata)).toEqual(['marker']);
  });

  it('reports a failed initdb with the directory and leaves nothing behind', { timeout: 120_000 }, async () => {
    const parent = tempDir();
    // A file where the data directory's parent should be: initdb cannot create anything there.
    writeFileSync(join(parent, 'not-a-dir'), '');
    const pgdata = join(parent, 'not-a-dir', 'pglite');
    await expect(ensurePgliteCluster(pgdata)).rejects.toThrow(/creating the embedded database in .*not-a-dir\/pglite\.initdb failed/);
    expect(readdirSync(parent)).toEqual(['not-a-dir']);
  });
});
