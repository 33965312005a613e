// The real yt-dlp (Debian's 2023.03.04 here) downloading from the local clip server.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess } from '../../src/media-tools/run-process.ts';
import { supportsJsRuntimes } from '../../src/media-tools/ytdlp-args.ts';
import { createYtdlp, type DownloadProgress, type DownloadRequest } from '../../src/media-tools/ytdlp.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { makeClip } from '../support/make-clip.ts';
import { downloadRequest as request, scratchFolders, testFfmpeg, testYtdlp, ytdlpPath } from '../support/media-tool-setup.ts';
import { processesMentioning } from './running-processes.ts';
import { failureOf } from './tool-failure.ts';

const ytdlp = testYtdlp();
const ffmpeg = testFfmpeg();
const scratch = scratchFolders('previewarr-ytdlp-');

let server: ClipServer;
let clip: string;

const freshDir = (name = 'job') => scratch.fresh(name);

beforeAll(async () => {
  clip = await makeClip();
  server = await startClipServer({ defaultClip: clip });
});

afterAll(async () => {
  await server.close();
  await scratch.remove();
});

describe('yt-dlp version', () => {
  it('reports the installed version, and --js-runtimes is offered exactly when this yt-dlp accepts it', async () => {
    const version = await ytdlp.version();
    expect(version).toMatch(/^\d{4}\.\d{2}\.\d{2}/);
    // `--version` answers before options are checked, so simulate a real (local) extraction.
    const args = ['--ignore-config', '--js-runtimes', 'node', '--simulate', '--', server.url('js-runtimes')];
    const probe = await startProcess(ytdlpPath, args).done;
    expect(probe.exitCode === 0).toBe(supportsJsRuntimes(version));
    if (!supportsJsRuntimes(version)) {
      expect(probe.exitCode).toBe(2);
      expect(probe.stderrTail).toContain('no such option: --js-runtimes');
    }
  });
});

describe('yt-dlp download', () => {
  it('downloads a clip to the exact output path, byte for byte, with monotonic progress', async () => {
    const dir = await freshDir();
    const outputPath = path.join(dir, '.trailer.partial');
    const progress: DownloadProgress[] = [];
    const result = await ytdlp.download(request(server.url('603'), outputPath, { onProgress: (p) => progress.push(p) }));

    const original = await readFile(clip);
    expect(result).toEqual({ filePath: outputPath, bytes: original.length, subtitles: [] });
    expect((await readFile(outputPath)).equals(original)).toBe(true);
    const probe = await ffmpeg.probe(outputPath);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 320, height: 240 });
    expect(probe.audio?.codec).toBe('aac');

    expect(progress.length).toBeGreaterThan(0);
    const counts = progress.map((p) => p.downloadedBytes);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ downloadedBytes: original.length, totalBytes: original.length });
    // Nothing but the output itself is left in the folder (no .part, no path file).
    expect(await readdir(dir)).toEqual(['.trailer.partial']);
    expect(server.requests.some((r) => r.id === '603' && r.status === 200)).toBe(true);
  });

  it('merges separate video and audio (as YouTube serves them) into the exact output path', async () => {
    const dir = await freshDir();
    const outputPath = path.join(dir, '.dash.partial');
    const progress: DownloadProgress[] = [];
    const result = await ytdlp.download(request(server.dashUrl('611'), outputPath, { onProgress: (p) => progress.push(p) }));

    // yt-dlp merged into `.dash.partial.mkv`; the caller still finds the file where it asked.
    expect(result.filePath).toBe(outputPath);
    expect(await readdir(dir)).toEqual(['.dash.partial']);
    const probe = await ffmpeg.probe(outputPath);
    expect(result.bytes).toBe(probe.sizeBytes);
    expect(probe.formatName).toBe('matroska,webm');
    expect(probe.video).toMatchObject({ codec: 'h264', width: 320, height: 240 });
    expect(probe.audio?.codec).toBe('aac');
    expect(probe.durationSeconds).toBeGreaterThan(1.5);
    const counts = progress.map((p) => p.downloadedBytes);
    expect(counts.length).toBeGreaterThan(1);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(server.requests.filter((r) => r.id === '611' && r.path.endsWith('.m4s')).length).toBeGreaterThanOrEqual(4);
  });

  it('skips a video longer than the duration limit when the source tells its duration', async () => {
    const dir = await freshDir();
    const error = await failureOf(
      ytdlp.download(request(server.pageUrl('612', 150), path.join(dir, '.t.partial'), { maxDurationSeconds: 60 })),
    );
    expect(error.failure).toBe('rejected');
    expect(error.exitCode).toBe(0);
    expect(error.stderrTail).toContain('does not pass filter');
    expect(await readdir(dir)).toEqual([]);
    // Within the limit, the same page downloads.
    const fits = await ytdlp.download(request(server.pageUrl('612', 30), path.join(dir, '.t.partial'), { maxDurationSeconds: 60 }));
    expect(fits.bytes).toBe((await readFile(clip)).length);
  });

  it('reports a 404 with the HTTP error text and leaves nothing behind', async () => {
    server.behave('missing', { kind: 'status', status: 404 });
    const dir = await freshDir();
    const error = await failureOf(ytdlp.download(request(server.url('missing'), path.join(dir, '.t.partial'))));
    expect(error.failure).toBe('exit');
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('HTTP Error 404: Not Found');
    expect(error.message).not.toMatch(/please report this issue/i);
    expect(error.stderrTail).toContain('404');
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports a 429 so that rate limiting can be told apart', async () => {
    server.behave('busy', { kind: 'status', status: 429, retryAfterSeconds: 60 });
    const dir = await freshDir();
    const error = await failureOf(ytdlp.download(request(server.url('busy'), path.join(dir, '.t.partial'))));
    expect(error.failure).toBe('exit');
    expect(error.message).toContain('HTTP Error 429: Too Many Requests');
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['from its progress reports', [], true],
    ['by measuring the file on disk when yt-dlp reports no progress', ['--no-progress'], false],
  ])('kills an endless download at the size ceiling %s, leaving no file', async (_how, extraArgs, reportsProgress) => {
    server.behave('endless', { kind: 'endless' });
    const dir = await freshDir();
    const outputPath = path.join(dir, '.endless.partial');
    const progress: DownloadProgress[] = [];
    const limits = { maxFilesizeBytes: 1_000_000, extraArgs, onProgress: (p: DownloadProgress) => progress.push(p) };
    const error = await failureOf(ytdlp.download(request(server.url('endless'), outputPath, limits)));
    expect(error.failure).toBe('too-large');
    expect(progress.some((p) => p.downloadedBytes > 1_000_000)).toBe(reportsProgress);
    expect(existsSync(outputPath)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
    expect(await processesMentioning(outputPath)).toEqual([]);
  });

  it("passes the ceiling to yt-dlp, which refuses a file whose announced size is over it", async () => {
    const dir = await freshDir();
    const error = await failureOf(
      ytdlp.download(request(server.url('605'), path.join(dir, '.t.partial'), { maxFilesizeBytes: 10_000 })),
    );
    expect(error.failure).toBe('too-large');
    expect(error.stderrTail).toContain('larger than max-filesize');
    expect(await readdir(dir)).toEqual([]);
  });

  it('kills a stalled download at the timeout', async () => {
    server.behave('stall', { kind: 'stall', afterBytes: 20_000 });
    const dir = await freshDir();
    const outputPath = path.join(dir, '.stall.partial');
    const error = await failureOf(ytdlp.download(request(server.url('stall'), outputPath, { timeoutMs: 1_500 })));
    expect(error.failure).toBe('timeout');
    expect(error.message).toContain('timed out');
    expect(await readdir(dir)).toEqual([]);
    expect(await processesMentioning(outputPath)).toEqual([]);
  });

  it('stops when the abort signal fires mid-download', async () => {
    server.behave('slow', { kind: 'throttle', bytesPerSecond: 20_000 });
    const dir = await freshDir();
    const outputPath = path.join(dir, '.slow.partial');
    const controller = new AbortController();
    const download = ytdlp.download(
      request(server.url('slow'), outputPath, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.downloadedBytes > 0) controller.abort();
        },
      }),
    );
    const error = await failureOf(download);
    expect(error.failure).toBe('aborted');
    expect(await readdir(dir)).toEqual([]);
    expect(await processesMentioning(outputPath)).toEqual([]);
  });

  it('does not start at all when the signal is already aborted', async () => {
    const dir = await freshDir();
    const before = server.requests.length;
    const error = await failureOf(
      ytdlp.download(request(server.url('606'), path.join(dir, '.t.partial'), { signal: AbortSignal.abort() })),
    );
    expect(error.failure).toBe('aborted');
    expect(server.requests.length).toBe(before);
  });

  it('handles a folder name with quotes, $(), backticks, ;, %, emoji and NFD as plain data', async () => {
    const hostile = `It's "$(touch pwned)" \`touch pwned2\`; 100% 🎬 ${'Ame\u0301lie'}`;
    const dir = path.join(await freshDir(), hostile);
    await mkdir(dir);
    const outputPath = path.join(dir, '.trailer %(title)s.partial');
    const result = await ytdlp.download(request(server.url('607'), outputPath));
    expect(result.filePath).toBe(outputPath);
    expect(await readdir(dir)).toEqual(['.trailer %(title)s.partial']);
    expect(existsSync(path.join(process.cwd(), 'pwned'))).toBe(false);
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    expect((await ffmpeg.probe(outputPath)).video?.codec).toBe('h264');
  });

  it('refuses bad requests before running anything', async () => {
    const dir = await freshDir();
    const before = server.requests.length;
    const cases: DownloadRequest[] = [
      request(server.url('608'), 'relative/.t.partial'),
      request('ftp://127.0.0.1/clip.mp4', path.join(dir, '.t.partial')),
      request('not a url', path.join(dir, '.t.partial')),
      request(server.url('608'), path.join(dir, '.t.partial'), { maxHeight: 0 }),
      request(server.url('608'), path.join(dir, '.t.partial'), { extraArgs: ['--exec', 'touch pwned'] }),
      request(server.url('608'), path.join(dir, '.t.partial'), { extraArgs: ['-o', '/etc/x'] }),
      // yt-dlp takes an unambiguous abbreviation for the full option, and --alias defines new ones.
      request(server.url('608'), path.join(dir, '.t.partial'), { extraArgs: ['--exec-before-downloa', 'touch pwned #'] }),
      request(server.url('608'), path.join(dir, '.t.partial'), { extraArgs: ['--alias', 'zz', '--exec "touch pwned"', '--zz'] }),
    ];
    for (const bad of cases) {
      const error = await failureOf(ytdlp.download(bad));
      expect(error.failure).toBe('invalid-request');
    }
    expect(server.requests.length).toBe(before);
  });

  it('accepts harmless extra arguments', async () => {
    const dir = await freshDir();
    const outputPath = path.join(dir, '.t.partial');
    const result = await ytdlp.download(request(server.url('609'), outputPath, { extraArgs: ['--limit-r', '10M'] }));
    expect(result.bytes).toBeGreaterThan(0);
  });

  it('says so when the yt-dlp binary cannot be started', async () => {
    const missing = createYtdlp({ ytdlpPath: path.join(await freshDir(), 'no-such-yt-dlp') });
    const dir = await freshDir();
    const error = await failureOf(missing.download(request(server.url('610'), path.join(dir, '.t.partial'))));
    expect(error.failure).toBe('spawn-failed');
    expect(error.message).toContain('ENOENT');
  });
});

describe('yt-dlp search', () => {
  it('refuses an empty query and a count out of range without running yt-dlp', async () => {
    expect((await failureOf(ytdlp.search('   ', 5))).failure).toBe('invalid-request');
    expect((await failureOf(ytdlp.search('The Matrix trailer', 0))).failure).toBe('invalid-request');
    expect((await failureOf(ytdlp.search('The Matrix trailer', 51))).failure).toBe('invalid-request');
  });
});
