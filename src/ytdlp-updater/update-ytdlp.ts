// One update of the managed yt-dlp: read the release's SHA2-256SUMS, download the single-file
// release only when its checksum differs from the installed copy, refuse it unless its SHA-256
// matches, try `--version` on it, and only then swap it in (the old copy is kept as
// `yt-dlp.previous`). Whatever fails, the installed copy stays as it was: a failed update must
// never stop downloads.
import axios from 'axios';
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { expectedSha256 } from '../domain/sha256-sums.ts';
import { startProcess } from '../media-tools/run-process.ts';
import { RELEASE_ASSET, readUpdateStatus, SUMS_ASSET, type UpdateSettings, type UpdateStatus } from './managed-ytdlp.ts';

/** The zipapp is ~3 MB; anything far larger is not the file we asked for. */
const MAX_BINARY_BYTES = 64 * 1024 * 1024;
const MAX_SUMS_BYTES = 256 * 1024;
const HTTP_TIMEOUT_MS = 120_000;
const VERSION_TIMEOUT_MS = 30_000;

export type UpdateResult =
  | { outcome: 'installed'; version: string; previousVersion?: string | undefined }
  | { outcome: 'up-to-date'; version: string }
  | { outcome: 'failed'; error: string; version?: string | undefined };

class UpdateRefused extends Error {}

async function download(url: string, maxBytes: number): Promise<Buffer> {
  try {
    const response = await axios.get<ArrayBuffer>(url, {
      responseType: 'arraybuffer',
      timeout: HTTP_TIMEOUT_MS,
      maxContentLength: maxBytes,
      maxRedirects: 5,
      validateStatus: (status) => status === 200,
    });
    return Buffer.from(response.data);
  } catch (err) {
    const status = axios.isAxiosError(err) ? err.response?.status : undefined;
    const reason = status !== undefined ? `HTTP ${status}` : err instanceof Error ? err.message : String(err);
    throw new UpdateRefused(`could not download ${url}: ${reason}`);
  }
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function fileSha256(file: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(file));
  } catch {
    return undefined;
  }
}

/** `<binary> --version`, or undefined when it does not run or prints no version. */
export async function binaryVersion(binary: string): Promise<string | undefined> {
  const outcome = await startProcess(binary, ['--version'], { collectStdout: true, timeoutMs: VERSION_TIMEOUT_MS }).done;
  const version = outcome.stdout.trim();
  if (outcome.exitCode !== 0 || outcome.spawnError !== undefined || outcome.stopReason !== undefined) return undefined;
  return /^\d{4}\.\d{1,2}\.\d{1,2}(?:\.\d+)?$/.test(version) ? version : undefined;
}

async function writeStatus(settings: UpdateSettings, fields: Omit<UpdateStatus, 'channel' | 'releaseUrl' | 'checkedAt'>, now: Date): Promise<void> {
  const status: UpdateStatus = { channel: settings.channel, releaseUrl: settings.releaseUrl, checkedAt: now.toISOString(), ...fields };
  await writeFile(settings.paths.status, `${JSON.stringify(status, null, 2)}\n`);
}

export async function updateManagedYtdlp(settings: UpdateSettings, now: () => Date = () => new Date()): Promise<UpdateResult> {
  const { paths, releaseUrl } = settings;
  await mkdir(paths.binDir, { recursive: true });
  const before = await readUpdateStatus(paths);
  const installedVersion = (await binaryVersion(paths.current).catch(() => undefined)) ?? undefined;
  try {
    const sums = (await download(`${releaseUrl}/${SUMS_ASSET}`, MAX_SUMS_BYTES)).toString('utf8');
    const expected = expectedSha256(sums, RELEASE_ASSET);
    if (expected === undefined) throw new UpdateRefused(`${SUMS_ASSET} of ${releaseUrl} names no "${RELEASE_ASSET}"`);
    if (installedVersion !== undefined && (await fileSha256(paths.current)) === expected) {
      await writeStatus(settings, { version: installedVersion, installedAt: before?.installedAt }, now());
      return { outcome: 'up-to-date', version: installedVersion };
    }
    const bytes = await download(`${releaseUrl}/${RELEASE_ASSET}`, MAX_BINARY_BYTES);
    const actual = sha256(bytes);
    if (actual !== expected) {
      throw new UpdateRefused(`the downloaded ${RELEASE_ASSET} has SHA-256 ${actual}, but ${SUMS_ASSET} says ${expected}: refused`);
    }
    await writeFile(paths.candidate, bytes, { mode: 0o755 });
    await chmod(paths.candidate, 0o755);
    const version = await binaryVersion(paths.candidate);
    if (version === undefined) {
      throw new UpdateRefused(`the new ${RELEASE_ASSET} does not run (\`--version\` failed): kept the installed copy`);
    }
    if (installedVersion !== undefined) await copyFile(paths.current, paths.previous);
    await rename(paths.candidate, paths.current);
    await writeStatus(settings, { version, installedAt: now().toISOString() }, now());
    return { outcome: 'installed', version, previousVersion: installedVersion };
  } catch (err) {
    const error = err instanceof UpdateRefused ? err.message : `update failed: ${err instanceof Error ? err.message : String(err)}`;
    await writeStatus(settings, { version: installedVersion, installedAt: before?.installedAt, lastError: error }, now()).catch(() => {});
    return { outcome: 'failed', error, version: installedVersion };
  } finally {
    await rm(paths.candidate, { force: true });
  }
}
