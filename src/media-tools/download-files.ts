// The files one yt-dlp download leaves beside its output path: the output itself, format pieces
// before a merge (`<name>.f137.mp4`), the merged file when yt-dlp changed the extension. Knowing
// them lets us measure a download that reports no size, and remove exactly what it created.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface DownloadFiles {
  /** Paths in the output folder that belong to this download and were not there before it. */
  created(): Promise<string[]>;
  /** Total size of those files: what the download has written so far. */
  bytesWritten(): Promise<number>;
  /** Removes the output path and every file this download created. Never throws. */
  removeAll(): Promise<void>;
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/**
 * Snapshots the output folder now, so that later only new files with the output's name as a
 * prefix are counted and removed — never something that was already there.
 */
export async function trackDownloadFiles(outputPath: string, ignore: readonly string[] = []): Promise<DownloadFiles> {
  const dir = path.dirname(outputPath);
  const base = path.basename(outputPath);
  const stem = base.slice(0, base.length - path.extname(base).length);
  const ignored = new Set(ignore.map((file) => path.basename(file)));
  const belongs = (name: string): boolean =>
    !ignored.has(name) && (name === base || name.startsWith(`${base}.`) || name.startsWith(`${stem}.`));
  const before = new Set((await listNames(dir)).filter(belongs));
  before.delete(base);

  const created = async (): Promise<string[]> =>
    (await listNames(dir)).filter((name) => belongs(name) && !before.has(name)).map((name) => path.join(dir, name));

  return {
    created,
    async bytesWritten() {
      let total = 0;
      for (const file of await created()) {
        try {
          total += (await stat(file)).size;
        } catch {
          // Renamed or removed by yt-dlp between listing and stat.
        }
      }
      return total;
    },
    async removeAll() {
      const files = new Set([outputPath, ...(await created())]);
      await Promise.all([...files].map((file) => rm(file, { force: true }).catch(() => undefined)));
    },
  };
}
