// Which YouTube options reach the yt-dlp process: a stand-in binary (a shell script that
// answers --version and records its argv) shows that --js-runtimes and --plugin-dirs are passed
// only to a yt-dlp that knows them, only for YouTube, and that a replaced binary (the managed copy
// after an update) is asked its version again.
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createYtdlp } from '../../src/media-tools/ytdlp.ts';

let dir: string;
let binary: string;
let argsFile: string;

async function installFake(version: string): Promise<void> {
  // Prints an empty search result; each run's argv goes on one line of argsFile.
  await writeFile(binary, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo ${version}; exit 0; fi\necho "$*" >> "${argsFile}"\necho '{"entries": []}'\n`, { mode: 0o755 });
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'previewarr-ytdlp-readiness-'));
  binary = path.join(dir, 'yt-dlp');
  argsFile = path.join(dir, 'args.txt');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const runs = async () => (await readFile(argsFile, 'utf8')).trim().split('\n');

it('passes the detected runtimes and the plugin folder to a yt-dlp from 2025.11 on', async () => {
  await installFake('2025.11.12');
  const ytdlp = createYtdlp({ ytdlpPath: () => binary, jsRuntimes: [{ name: 'node', path: process.execPath }], pluginDir: '/config/yt-dlp-plugins' });
  await ytdlp.searchEntries('Heat 1995 trailer', 3);
  expect((await runs())[0]).toContain(`--js-runtimes node:${process.execPath} --plugin-dirs /config/yt-dlp-plugins --`);
});

it('passes neither to an old yt-dlp, and asks a replaced binary for its version again', async () => {
  await installFake('2023.03.04');
  const ytdlp = createYtdlp({ ytdlpPath: () => binary, jsRuntimes: [{ name: 'node', path: process.execPath }], pluginDir: '/config/yt-dlp-plugins' });
  expect(await ytdlp.version()).toBe('2023.03.04');
  await ytdlp.searchEntries('Heat 1995 trailer', 3);
  expect((await runs())[0]).not.toMatch(/--js-runtimes|--plugin-dirs/);

  // The updater swaps a new file in (a new inode, a later modification time).
  await rm(binary);
  await installFake('2025.02.19');
  const later = new Date(Date.now() + 60_000);
  await utimes(binary, later, later);
  expect(await ytdlp.version()).toBe('2025.02.19');
  await ytdlp.searchEntries('Heat 1995 trailer', 3);
  const second = (await runs())[1];
  expect(second).toContain('--plugin-dirs /config/yt-dlp-plugins');
  expect(second).not.toContain('--js-runtimes');
});
