// The managed yt-dlp updater against a local release server: a good update is installed, a bad
// checksum or a broken binary is refused with the installed copy left working, a server that is
// down changes nothing, and with updates off nothing is ever requested.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { expectedSha256 } from '../../src/domain/sha256-sums.ts';
import { readUpdateStatus, updateSettings, ytdlpBinary, type UpdateSettings } from '../../src/ytdlp-updater/managed-ytdlp.ts';
import { startYtdlpUpdates } from '../../src/ytdlp-updater/update-schedule.ts';
import { binaryVersion, updateManagedYtdlp } from '../../src/ytdlp-updater/update-ytdlp.ts';
import { startFakeRelease, type FakeRelease } from '../support/fake-release.ts';

let dataDir: string;
let release: FakeRelease;
let settings: UpdateSettings;

const envFor = (updates: string, releaseUrl: string) =>
  loadEnv({ DATA_DIR: dataDir, YTDLP_UPDATES: updates, YTDLP_RELEASE_URL: releaseUrl, YTDLP_PATH: '/usr/bin/yt-dlp' });

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'previewarr-ytdlp-update-'));
  release = await startFakeRelease();
  settings = updateSettings(envFor('stable', release.url))!;
});

afterEach(async () => {
  await release.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function installFirst(): Promise<void> {
  release.publish('2026.01.02');
  expect(await updateManagedYtdlp(settings)).toEqual({ outcome: 'installed', version: '2026.01.02', previousVersion: undefined });
}

describe('expectedSha256', () => {
  it('reads the line of the asset asked for, not a longer name', () => {
    const a = 'a'.repeat(64);
    const b = 'B'.repeat(64);
    expect(expectedSha256(`${a}  yt-dlp.exe\n${b} *yt-dlp\n`, 'yt-dlp')).toBe('b'.repeat(64));
    expect(expectedSha256(`${a}  yt-dlp_linux\n`, 'yt-dlp')).toBeUndefined();
    expect(expectedSha256('not a sums file', 'yt-dlp')).toBeUndefined();
  });
});

describe('updateManagedYtdlp', () => {
  it('installs a release whose checksum matches, and the service then runs it', async () => {
    expect(ytdlpBinary(envFor('stable', release.url))).toBe('/usr/bin/yt-dlp');
    await installFirst();
    const managed = path.join(dataDir, 'bin', 'yt-dlp');
    expect(ytdlpBinary(envFor('stable', release.url))).toBe(managed);
    expect(await binaryVersion(managed)).toBe('2026.01.02');
    expect(await readUpdateStatus(settings.paths)).toMatchObject({ channel: 'stable', version: '2026.01.02' });

    // Same release again: only the sums file is read, nothing replaced.
    release.requests.length = 0;
    expect(await updateManagedYtdlp(settings)).toEqual({ outcome: 'up-to-date', version: '2026.01.02' });
    expect(release.requests).toEqual(['/download/SHA2-256SUMS']);

    release.publish('2026.02.03');
    expect(await updateManagedYtdlp(settings)).toMatchObject({ outcome: 'installed', version: '2026.02.03', previousVersion: '2026.01.02' });
    expect(await binaryVersion(managed)).toBe('2026.02.03');
    expect(await binaryVersion(path.join(dataDir, 'bin', 'yt-dlp.previous'))).toBe('2026.01.02');
  });

  it('refuses a download whose SHA-256 is not the published one', async () => {
    await installFirst();
    release.publish('2026.03.04', { wrongSum: true });
    const result = await updateManagedYtdlp(settings);
    expect(result).toMatchObject({ outcome: 'failed', version: '2026.01.02' });
    expect(result.outcome === 'failed' && result.error).toMatch(/SHA-256 .* refused/);
    expect(await binaryVersion(path.join(dataDir, 'bin', 'yt-dlp'))).toBe('2026.01.02');
    expect(await readUpdateStatus(settings.paths)).toMatchObject({ version: '2026.01.02', lastError: expect.stringMatching(/SHA2-256SUMS says/) });
  });

  it('keeps the installed copy when the new one fails --version', async () => {
    await installFirst();
    release.publish('2026.02.03', { broken: true });
    const result = await updateManagedYtdlp(settings);
    expect(result).toMatchObject({ outcome: 'failed', version: '2026.01.02' });
    expect(result.outcome === 'failed' && result.error).toMatch(/does not run/);
    expect(await binaryVersion(path.join(dataDir, 'bin', 'yt-dlp'))).toBe('2026.01.02');
    expect(ytdlpBinary(envFor('stable', release.url))).toBe(path.join(dataDir, 'bin', 'yt-dlp'));
  });

  it('leaves the installed copy working when the release server is down', async () => {
    await installFirst();
    await release.close();
    const result = await updateManagedYtdlp(settings);
    expect(result).toMatchObject({ outcome: 'failed', version: '2026.01.02' });
    expect(result.outcome === 'failed' && result.error).toMatch(/could not download .*SHA2-256SUMS/);
    expect(await binaryVersion(path.join(dataDir, 'bin', 'yt-dlp'))).toBe('2026.01.02');
    release = await startFakeRelease(); // for afterEach
  });

  it('never installs a first copy that does not run, and the system binary stays in use', async () => {
    release.publish('2026.02.03', { broken: true });
    expect(await updateManagedYtdlp(settings)).toMatchObject({ outcome: 'failed' });
    expect(ytdlpBinary(envFor('stable', release.url))).toBe('/usr/bin/yt-dlp');
  });
});

describe('startYtdlpUpdates', () => {
  it('with updates off, requests nothing and runs YTDLP_PATH', async () => {
    release.publish('2026.01.02');
    const env = envFor('off', release.url);
    const updates = startYtdlpUpdates(env, pino({ level: 'silent' }));
    expect(await updates.firstRun).toBeUndefined();
    updates.stop();
    expect(release.requests).toEqual([]);
    expect(ytdlpBinary(env)).toBe('/usr/bin/yt-dlp');
  });

  it('with updates on, installs at start', async () => {
    release.publish('2026.01.02');
    const updates = startYtdlpUpdates(envFor('nightly', release.url), pino({ level: 'silent' }));
    expect(await updates.firstRun).toMatchObject({ outcome: 'installed', version: '2026.01.02' });
    updates.stop();
    const status = JSON.parse(await readFile(path.join(dataDir, 'bin', 'yt-dlp-update.json'), 'utf8'));
    expect(status).toMatchObject({ channel: 'nightly', version: '2026.01.02', releaseUrl: release.url });
  });
});

it('the default release URLs are the official stable and nightly folders', () => {
  expect(updateSettings(loadEnv({ DATA_DIR: '/d', YTDLP_UPDATES: 'stable' }))?.releaseUrl).toBe('https://github.com/yt-dlp/yt-dlp/releases/latest/download');
  expect(updateSettings(loadEnv({ DATA_DIR: '/d', YTDLP_UPDATES: 'nightly' }))?.releaseUrl).toBe('https://github.com/yt-dlp/yt-dlp-nightly-builds/releases/latest/download');
});
