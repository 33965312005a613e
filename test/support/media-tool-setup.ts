/**
 * What the media-tools tests set up alike: the real binaries (FFMPEG_PATH, FFPROBE_PATH,
 * YTDLP_PATH, else the ones on PATH), a temp folder per test file with a fresh folder per test,
 * and the download request and conversion profile most tests start from.
 *
 *   const scratch = scratchFolders('previewarr-ytdlp-');
 *   afterAll(() => scratch.remove());
 *   const dir = await scratch.fresh();                  // <tmp>/previewarr-ytdlp-XXXX/1
 *   await testYtdlp().download(downloadRequest(server.url('1'), path.join(dir, '.dl')));
 *   planConversion(probe, conversionProfile({ container: 'mp4' }));
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConversionProfile } from '../../src/media-tools/convert-plan.ts';
import { createFfmpeg, type Ffmpeg } from '../../src/media-tools/ffmpeg.ts';
import { createYtdlp, type DownloadRequest, type Ytdlp, type YtdlpConfig } from '../../src/media-tools/ytdlp.ts';

export const ffmpegPath = process.env['FFMPEG_PATH'] ?? 'ffmpeg';
export const ffprobePath = process.env['FFPROBE_PATH'] ?? 'ffprobe';
export const ytdlpPath = process.env['YTDLP_PATH'] ?? 'yt-dlp';

export function testFfmpeg(): Ffmpeg {
  return createFfmpeg({ ffmpegPath, ffprobePath });
}

/** yt-dlp merges separate video and audio with ffmpeg: it is handed the absolute ffmpeg path. */
export function testYtdlp(overrides: Partial<YtdlpConfig> = {}): Ytdlp {
  return createYtdlp({ ytdlpPath, ffmpegPath: process.env['FFMPEG_PATH'] ?? '/usr/bin/ffmpeg', ...overrides });
}

export interface ScratchFolders {
  /** A new empty folder per call, so "nothing left behind" can be checked by listing it. */
  fresh(name?: string): Promise<string>;
  remove(): Promise<void>;
}

/** A temp folder (made on first use) whose numbered sub-folders tests write into. */
export function scratchFolders(prefix: string): ScratchFolders {
  let root: Promise<string> | undefined;
  let counter = 0;
  return {
    fresh: async (name) => {
      root ??= mkdtemp(path.join(tmpdir(), prefix));
      counter += 1;
      const dir = path.join(await root, name === undefined ? String(counter) : `${counter}-${name}`);
      await mkdir(dir);
      return dir;
    },
    remove: async () => {
      if (root !== undefined) await rm(await root, { recursive: true, force: true });
    },
  };
}

/** A download of `url` into `outputPath` with generous limits (720p, 20 MB, 10 min, 30 s). */
export function downloadRequest(url: string, outputPath: string, overrides: Partial<DownloadRequest> = {}): DownloadRequest {
  return { url, outputPath, maxHeight: 720, maxFilesizeBytes: 20_000_000, maxDurationSeconds: 600, timeoutMs: 30_000, ...overrides };
}

/** Matroska, h264 and aac at CRF 28, ultrafast, no hardware: quick on two cores. */
export function conversionProfile(overrides: Partial<ConversionProfile> = {}): ConversionProfile {
  return { container: 'mkv', videoCodec: 'h264', audioCodec: 'aac', maxHeight: 1080, crf: 28, preset: 'ultrafast', hwaccel: 'none', ...overrides };
}
