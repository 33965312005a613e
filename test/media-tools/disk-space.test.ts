import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFreeSpace, formatBytes, freeBytes, InsufficientDiskSpaceError } from '../../src/media-tools/disk-space.ts';
import { startProcess } from '../../src/media-tools/run-process.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'previewarr-disk-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What `df` says is available, as an independent measurement. */
async function dfAvailable(target: string): Promise<number> {
  const outcome = await startProcess('df', ['-B1', '--output=avail', target], { collectStdout: true }).done;
  return Number(outcome.stdout.trim().split('\n').at(-1));
}

describe('freeBytes', () => {
  it('agrees with df (within what other writers may change meanwhile)', async () => {
    const [ours, df] = [await freeBytes(dir), await dfAvailable(dir)];
    expect(ours).toBeGreaterThan(0);
    expect(Math.abs(ours - df)).toBeLessThan(256 * 1024 * 1024);
  });

  it('asks the nearest existing folder when the target does not exist yet', async () => {
    const later = path.join(dir, 'Movies', 'Not Yet (2031)');
    expect(Math.abs((await freeBytes(later)) - (await dfAvailable(dir)))).toBeLessThan(256 * 1024 * 1024);
  });
});

describe('ensureFreeSpace', () => {
  it('passes when the bytes fit', async () => {
    await expect(ensureFreeSpace(dir, 1024)).resolves.toBeUndefined();
  });

  it('throws a clear error when they do not', async () => {
    const error = await ensureFreeSpace(dir, Number.MAX_SAFE_INTEGER).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InsufficientDiskSpaceError);
    const insufficient = error as InsufficientDiskSpaceError;
    expect(insufficient.dir).toBe(dir);
    expect(insufficient.neededBytes).toBe(Number.MAX_SAFE_INTEGER);
    expect(insufficient.message).toMatch(new RegExp(`^not enough free space in ${dir.replaceAll('/', '\\/')}: 8192\\.0 TiB needed, .* free$`));
  });

  it('refuses a nonsense amount', async () => {
    await expect(ensureFreeSpace(dir, -1)).rejects.toThrow(RangeError);
    await expect(ensureFreeSpace(dir, Number.NaN)).rejects.toThrow(RangeError);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [300 * 1024 * 1024, '300.0 MiB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
