// The real yt-dlp downloading only the sound (theme music) from the local clip server.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadRequest } from '../../src/media-tools/ytdlp.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { makeClip } from '../support/make-clip.ts';
import { downloadRequest, scratchFolders, testFfmpeg, testYtdlp } from '../support/media-tool-setup.ts';
import { failureOf } from './tool-failure.ts';

const ytdlp = testYtdlp();
const ffmpeg = testFfmpeg();
const scratch = scratchFolders('previewarr-ytdlp-audio-');
const freshDir = () => scratch.fresh();

let server: ClipServer;

function audioRequest(url: string, outputPath: string, overrides: Partial<DownloadRequest> = {}): DownloadRequest {
  return downloadRequest(url, outputPath, { audioOnly: true, ...overrides });
}

beforeAll(async () => {
  server = await startClipServer({ defaultClip: await makeClip() });
});

afterAll(async () => {
  await server.close();
  await scratch.remove();
});

describe('yt-dlp audio-only download', () => {
  it('takes only the audio stream when the source offers it separately (DASH, as YouTube does)', async () => {
    const dir = await freshDir();
    const outputPath = path.join(dir, '.theme.dl');
    const result = await ytdlp.download(audioRequest(server.dashUrl('701'), outputPath));

    expect(result.filePath).toBe(outputPath);
    expect(await readdir(dir)).toEqual(['.theme.dl']);
    const probe = await ffmpeg.probe(outputPath);
    expect(probe.video).toBeUndefined();
    expect(probe.audio?.codec).toBe('aac');
    expect(result.bytes).toBe(probe.sizeBytes);
    // Only audio segments were fetched: the video representation was never asked for.
    const segments = server.requests.filter((r) => r.id === '701' && r.path.endsWith('.m4s')).map((r) => r.path);
    expect(segments.length).toBeGreaterThan(0);
    expect(segments.every((segment) => /stream1|-1-/.test(path.basename(segment)))).toBe(true);
  });

  it('falls back to the combined file when the source has no audio-only format', async () => {
    const dir = await freshDir();
    const outputPath = path.join(dir, '.theme.dl');
    await ytdlp.download(audioRequest(server.url('702'), outputPath));
    // A direct mp4 link is one format with both streams; the theme conversion drops the picture.
    const probe = await ffmpeg.probe(outputPath);
    expect(probe.audio?.codec).toBe('aac');
    expect(probe.video?.codec).toBe('h264');
  });

  it('keeps the size limit for audio-only downloads', async () => {
    const dir = await freshDir();
    const error = await failureOf(ytdlp.download(audioRequest(server.url('703'), path.join(dir, '.t'), { maxFilesizeBytes: 1_000 })));
    expect(error.failure).toBe('too-large');
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses an audioOnly that is not a boolean before running anything', async () => {
    const dir = await freshDir();
    const hostile = { ...audioRequest(server.url('704'), path.join(dir, '.t')), audioOnly: '--exec=touch pwned' } as unknown as DownloadRequest;
    const error = await failureOf(ytdlp.download(hostile));
    expect(error.failure).toBe('invalid-request');
    expect(error.message).toContain('audioOnly');
    expect(server.requests.some((r) => r.id === '704')).toBe(false);
  });
});
