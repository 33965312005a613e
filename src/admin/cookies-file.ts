import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Db } from '../db/client.ts';
import { readSettings, writeSettings } from '../db/settings-store.ts';

// The Netscape cookies file yt-dlp reads (for age-gated or bot-checked videos). It is a secret:
// stored under DATA_DIR with mode 0600, never shown back, only reported as present.

export const MAX_COOKIES_BYTES = 1024 * 1024;
const FILE_NAME = 'cookies.txt';

/** Why a text is not a Netscape cookies file, or undefined when it is one. */
export function cookiesFileProblem(text: string): string | undefined {
  if (text.length === 0) return 'The file is empty.';
  if (Buffer.byteLength(text) > MAX_COOKIES_BYTES) return 'The file is larger than 1 MiB.';
  if (text.includes('\0')) return 'The file is not text.';
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = /^# (Netscape )?HTTP Cookie File/i.test(lines[0] ?? '');
  const cookieLines = lines.filter((line) => !line.startsWith('#') || line.startsWith('#HttpOnly_'));
  const wellFormed = cookieLines.every((line) => line.split('\t').length === 7);
  if (!wellFormed) return 'Each cookie line must have 7 tab-separated fields (the Netscape cookies.txt format, as exported by "Get cookies.txt" browser extensions).';
  if (!header && cookieLines.length === 0) return 'No cookies found: export them in the Netscape cookies.txt format.';
  return undefined;
}

export type CookiesResult = { ok: true } | { ok: false; message: string };

/** Validates and stores the file atomically (temp file, fsync, rename), then records its path. */
export async function saveCookiesFile(db: Db, dataDir: string, text: string): Promise<CookiesResult> {
  const problem = cookiesFileProblem(text);
  if (problem) return { ok: false, message: problem };
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const target = join(dir, FILE_NAME);
  const temp = join(dir, `.${FILE_NAME}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await writeSettings(db, { cookiesFile: target });
  return { ok: true };
}

/** Forgets the cookies: deletes our file (only the one we stored) and clears the setting. */
export async function removeCookiesFile(db: Db, dataDir: string): Promise<void> {
  const { cookiesFile } = await readSettings(db);
  const ours = join(resolve(dataDir), FILE_NAME);
  if (cookiesFile === ours) await rm(ours, { force: true });
  await writeSettings(db, { cookiesFile: undefined });
}
