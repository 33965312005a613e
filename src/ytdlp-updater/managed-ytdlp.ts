// Where the managed yt-dlp lives and which binary the service runs. With YTDLP_UPDATES off
// (the default outside the container) it is always YTDLP_PATH; with updates on it is the copy
// in DATA_DIR/bin once one has been installed, and YTDLP_PATH until then, so a first start
// without network still downloads with the system binary.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Env } from '../config/env.ts';

export type UpdateChannel = 'stable' | 'nightly';

/** The official release folders; `latest/download/<asset>` always names the newest build. */
export const DEFAULT_RELEASE_URLS: Record<UpdateChannel, string> = {
  stable: 'https://github.com/yt-dlp/yt-dlp/releases/latest/download',
  nightly: 'https://github.com/yt-dlp/yt-dlp-nightly-builds/releases/latest/download',
};

/** The platform-independent single-file release (a Python zipapp). */
export const RELEASE_ASSET = 'yt-dlp';
export const SUMS_ASSET = 'SHA2-256SUMS';

export type ManagedPaths = {
  binDir: string;
  /** The copy the service runs. */
  current: string;
  /** The copy it replaced, kept so a bad release can be undone by hand. */
  previous: string;
  /** Where a download is written and tried before it replaces `current`. */
  candidate: string;
  status: string;
};

export function managedPaths(dataDir: string): ManagedPaths {
  const binDir = path.join(path.resolve(dataDir), 'bin');
  return {
    binDir,
    current: path.join(binDir, 'yt-dlp'),
    previous: path.join(binDir, 'yt-dlp.previous'),
    candidate: path.join(binDir, '.yt-dlp.candidate'),
    status: path.join(binDir, 'yt-dlp-update.json'),
  };
}

export type UpdateSettings = { channel: UpdateChannel; releaseUrl: string; paths: ManagedPaths };

/** Undefined when updates are off: then nothing is ever downloaded. */
export function updateSettings(env: Pick<Env, 'YTDLP_UPDATES' | 'YTDLP_RELEASE_URL' | 'DATA_DIR'>): UpdateSettings | undefined {
  if (env.YTDLP_UPDATES === 'off') return undefined;
  const releaseUrl = (env.YTDLP_RELEASE_URL ?? DEFAULT_RELEASE_URLS[env.YTDLP_UPDATES]).replace(/\/+$/, '');
  return { channel: env.YTDLP_UPDATES, releaseUrl, paths: managedPaths(env.DATA_DIR) };
}

/** The yt-dlp binary to run right now (asked before each run, so an update takes effect at once). */
export function ytdlpBinary(env: Pick<Env, 'YTDLP_UPDATES' | 'YTDLP_PATH' | 'DATA_DIR'>): string {
  if (env.YTDLP_UPDATES === 'off') return env.YTDLP_PATH;
  const managed = managedPaths(env.DATA_DIR).current;
  return existsSync(managed) ? managed : env.YTDLP_PATH;
}

export const updateStatusSchema = z.object({
  channel: z.enum(['stable', 'nightly']),
  releaseUrl: z.string(),
  /** The managed copy's `--version`, once one is installed. */
  version: z.string().optional(),
  checkedAt: z.string(),
  installedAt: z.string().optional(),
  /** Why the last check failed; absent when it succeeded. */
  lastError: z.string().optional(),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export async function readUpdateStatus(paths: ManagedPaths): Promise<UpdateStatus | undefined> {
  try {
    const parsed = updateStatusSchema.safeParse(JSON.parse(await readFile(paths.status, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
