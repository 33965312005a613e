// Posters on disk in DATA_DIR/cache/posters, one file per item and poster version:
// `<mediaId>-<hash>.<ext>`, the hash taken from the stored poster path (its `lastWrite` changes
// when the Arr replaces the poster, so a new poster is a new name and the old file goes). The
// folder is bounded by count and bytes; the oldest files go first. Only names of this shape are
// ever deleted, so nothing else that lands in the folder is touched.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sniffPosterType, type PosterContentType, type PosterImage } from '../domain/poster-image.ts';

const EXTENSIONS: Record<PosterContentType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const CACHE_NAME = /^(\d+)-([0-9a-f]{16})\.(jpg|png|webp)$/;

export type PosterCacheLimits = { maxFiles: number; maxBytes: number };
export const DEFAULT_POSTER_CACHE_LIMITS: PosterCacheLimits = { maxFiles: 5_000, maxBytes: 256 * 1024 * 1024 };

export type CachedPoster = PosterImage & { etag: string };

/** The version tag of a stored poster path: names the cache file and is the ETag. */
export function posterVersion(posterPath: string): string {
  return createHash('sha256').update(posterPath).digest('hex').slice(0, 16);
}

export class PosterCache {
  constructor(
    readonly dir: string,
    readonly limits: PosterCacheLimits = DEFAULT_POSTER_CACHE_LIMITS,
  ) {}

  static inDataDir(dataDir: string, limits?: PosterCacheLimits): PosterCache {
    return new PosterCache(path.join(dataDir, 'cache', 'posters'), limits);
  }

  /** The cached poster of this item and version, or undefined (missing, or not an image any more). */
  async read(mediaId: number, version: string): Promise<CachedPoster | undefined> {
    for (const ext of Object.values(EXTENSIONS)) {
      let bytes: Buffer;
      try {
        bytes = await readFile(path.join(this.dir, `${mediaId}-${version}.${ext}`));
      } catch {
        continue;
      }
      const contentType = sniffPosterType(bytes);
      if (contentType) return { bytes, contentType, etag: version };
    }
    return undefined;
  }

  /** Stores one poster (write, then rename: a reader never sees half a file), then trims the folder. */
  async write(mediaId: number, version: string, image: PosterImage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const final = path.join(this.dir, `${mediaId}-${version}.${EXTENSIONS[image.contentType]}`);
    const partial = path.join(this.dir, `.partial-${randomBytes(6).toString('hex')}`);
    await writeFile(partial, image.bytes);
    await rename(partial, final);
    await this.#trim(mediaId, version);
  }

  /** Drops this item's older versions, then the oldest files while the folder is over its limits. */
  async #trim(mediaId: number, keepVersion: string): Promise<void> {
    const entries: Array<{ file: string; size: number; mtimeMs: number }> = [];
    for (const file of await readdir(this.dir)) {
      const name = CACHE_NAME.exec(file);
      if (!name) continue;
      if (Number(name[1]) === mediaId && name[2] !== keepVersion) {
        await unlink(path.join(this.dir, file)).catch(() => undefined);
        continue;
      }
      const info = await stat(path.join(this.dir, file)).catch(() => undefined);
      if (info) entries.push({ file, size: info.size, mtimeMs: info.mtimeMs });
    }
    let bytes = entries.reduce((sum, entry) => sum + entry.size, 0);
    let files = entries.length;
    entries.sort((a, b) => a.mtimeMs - b.mtimeMs || a.file.localeCompare(b.file));
    for (const entry of entries) {
      if (files <= this.limits.maxFiles && bytes <= this.limits.maxBytes) break;
      // The file just written stays, whatever the clock's resolution made of its age.
      if (entry.file.startsWith(`${mediaId}-${keepVersion}.`)) continue;
      await unlink(path.join(this.dir, entry.file)).catch(() => undefined);
      files -= 1;
      bytes -= entry.size;
    }
  }
}
