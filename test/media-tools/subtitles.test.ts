// Subtitles end to end with the real tools: yt-dlp (Debian's 2023.03.04) fetches WebVTT tracks
// from a clip-server page, ffmpeg embeds them, ffprobe and an ffmpeg extraction check the result.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planConversion, type ConversionProfile } from '../../src/media-tools/convert-plan.ts';
import type { DownloadRequest, SubtitleFile } from '../../src/media-tools/ytdlp.ts';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { SUBTITLE_CUES, UNREADABLE_SUBTITLE_LANGUAGE, webvttFor } from '../support/clip-subtitles.ts';
import { makeClip } from '../support/make-clip.ts';
import { conversionProfile as profile, downloadRequest, scratchFolders, testFfmpeg, testYtdlp } from '../support/media-tool-setup.ts';
import { cueTexts, subtitleStreams } from '../support/subtitle-streams.ts';
import { failureOf } from './tool-failure.ts';

const ytdlp = testYtdlp();
const ffmpeg = testFfmpeg();
const scratch = scratchFolders('previewarr-subtitles-');
const freshDir = () => scratch.fresh();
let hostileCase = 0;

let server: ClipServer;

function request(url: string, outputPath: string, subtitles: DownloadRequest['subtitles']): DownloadRequest {
  return downloadRequest(url, outputPath, { timeoutMs: 60_000, subtitles });
}

/** Downloads the subtitled page `id` with `languages` asked for; returns the dir and the result. */
async function downloadSubtitled(id: string, pageLanguages: string[], languages: string[]) {
  const dir = await freshDir();
  const outputPath = path.join(dir, '.download.partial');
  const result = await ytdlp.download(request(server.subtitledPageUrl(id, pageLanguages), outputPath, { languages, automatic: false }));
  return { dir, outputPath, result };
}

beforeAll(async () => {
  server = await startClipServer({ defaultClip: await makeClip() });
});
afterAll(async () => {
  await server.close();
  await scratch.remove();
});

describe('downloading subtitles', () => {
  it('writes each asked language beside the download as <output>.<lang>.vtt and lists them in the order asked', async () => {
    const { dir, outputPath, result } = await downloadSubtitled('subs-both', ['en', 'de'], ['de', 'en']);

    expect(result.subtitles).toEqual([
      { language: 'de', path: `${outputPath}.de.vtt` },
      { language: 'en', path: `${outputPath}.en.vtt` },
    ]);
    for (const subtitle of result.subtitles) expect(await readFile(subtitle.path, 'utf8')).toBe(webvttFor(subtitle.language));
    // Nothing else is left: no list file, no final-path file.
    expect((await readdir(dir)).sort()).toEqual(['.download.partial', '.download.partial.de.vtt', '.download.partial.en.vtt']);
  });

  it.each([
    ['source', 'source.en.vtt'],
    // yt-dlp replaces an output extension that matches the video's own.
    ['trailer.mp4', 'trailer.en.vtt'],
  ])('names the subtitle of output %j as yt-dlp does: %j', async (name, expected) => {
    const dir = await freshDir();
    const outputPath = path.join(dir, name);
    const result = await ytdlp.download(request(server.subtitledPageUrl(`subs-${name}`, ['en']), outputPath, { languages: ['en'], automatic: false }));

    expect(result.subtitles).toEqual([{ language: 'en', path: path.join(dir, expected) }]);
    expect((await readdir(dir)).sort()).toEqual([name, expected].sort());
  });

  it('a language the page does not have, or whose track is missing (404), gives no file and no error', async () => {
    const { dir, result } = await downloadSubtitled('subs-missing', ['en', 'es'], ['en', 'es', 'ja']);

    expect(result.subtitles.map((subtitle) => subtitle.language)).toEqual(['en']);
    expect(server.requests.some((seen) => seen.path === '/subs/subs-missing/es.vtt' && seen.status === 404)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['.download.partial', '.download.partial.en.vtt']);
  });

  it('a video that fails still fails the download (subtitle errors are tolerated, video errors not), and leaves no subtitle behind', async () => {
    server.behave('subs-dropped', { kind: 'drop', afterBytes: 0 });
    const dir = await freshDir();
    const url = server.subtitledPageUrl('subs-dropped', ['en', 'de']);
    const error = await failureOf(ytdlp.download(request(url, path.join(dir, '.download.partial'), { languages: ['en', 'de'], automatic: false })));

    expect(error.failure).toBe('exit');
    expect(error.message).toContain('Giving up after 3 retries');
    // The subtitles did arrive before the video failed; they went with the failed attempt.
    expect(server.requests.some((seen) => seen.path === '/subs/subs-dropped/en.vtt' && seen.status === 200)).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it('without a subtitle request, asks for no subtitle and lists none', async () => {
    const dir = await freshDir();
    const outputPath = path.join(dir, '.download.partial');
    const result = await ytdlp.download(request(server.subtitledPageUrl('subs-unasked', ['en']), outputPath, undefined));

    expect(result.subtitles).toEqual([]);
    expect(server.requests.some((seen) => seen.path.startsWith('/subs/subs-unasked/'))).toBe(false);
    expect(await readdir(dir)).toEqual(['.download.partial']);
  });

  it.each(['all', '-en', 'en.*', 'en,de', 'en|de', '.*', 'EN', 'en_US', 'live_chat', 'en\nde', ''])(
    'refuses the hostile language %j before yt-dlp starts',
    async (language) => {
      hostileCase += 1;
      const id = `subs-hostile-${hostileCase}`;
      const dir = await freshDir();
      const error = await failureOf(
        ytdlp.download(request(server.subtitledPageUrl(id, ['en']), path.join(dir, '.x'), { languages: ['en', language], automatic: true })),
      );

      expect(error.failure).toBe('invalid-request');
      expect(server.requests.some((seen) => seen.id === id)).toBe(false);
      expect(await readdir(dir)).toEqual([]);
    },
  );
});

describe('embedding subtitles', () => {
  let download: { outputPath: string; subtitles: SubtitleFile[] };

  beforeAll(async () => {
    const { outputPath, result } = await downloadSubtitled('subs-embed', ['en', 'de'], ['en', 'de']);
    download = { outputPath, subtitles: result.subtitles };
    expect(download.subtitles).toHaveLength(2);
  });

  async function convertTo(target: ConversionProfile, expectedMode: 'remux' | 'transcode') {
    const plan = planConversion(await ffmpeg.probe(download.outputPath), target);
    expect(plan.mode).toBe(expectedMode);
    const output = path.join(await freshDir(), '.trailer.partial');
    const result = await ffmpeg.convert({ input: download.outputPath, output, plan, subtitles: download.subtitles });
    expect(result.subtitles).toEqual({ readable: download.subtitles, unreadable: [] });
    return output;
  }

  it.each([
    { container: 'mkv', mode: 'remux', codec: 'subrip', target: profile({ container: 'mkv' }) },
    { container: 'mkv', mode: 'transcode', codec: 'subrip', target: profile({ container: 'mkv', audioCodec: 'opus' }) },
    { container: 'mp4', mode: 'remux', codec: 'mov_text', target: profile({ container: 'mp4' }) },
    { container: 'webm', mode: 'transcode', codec: 'webvtt', target: profile({ container: 'webm', videoCodec: 'vp9', audioCodec: 'opus', crf: 40 }) },
  ] as const)('$container ($mode): $codec streams tagged eng and ger, with the cue text, none made default by us', async ({ mode, codec, target }) => {
    const output = await convertTo(target, mode);

    const streams = await subtitleStreams(output);
    expect(streams.map((stream) => stream.codec_name)).toEqual([codec, codec]);
    expect(streams.map((stream) => stream.tags?.language)).toEqual(['eng', 'ger']);
    // ffmpeg's MP4 muxer always enables the first track of each kind when none is default, and
    // ffprobe reads "enabled" back as default; Matroska and WebM keep what we asked.
    expect(streams.map((stream) => stream.disposition?.default)).toEqual(target.container === 'mp4' ? [1, 0] : [0, 0]);
    expect(streams.map((stream) => stream.disposition?.forced)).toEqual([0, 0]);
    expect(await cueTexts(output, 0)).toEqual([SUBTITLE_CUES['en']]);
    expect(await cueTexts(output, 1)).toEqual([SUBTITLE_CUES['de']]);
    // Still the trailer: video and audio are there too.
    const probe = await ffmpeg.probe(output);
    expect(probe.video?.codec).toBe(target.videoCodec);
    expect(probe.audio?.codec).toBe(target.audioCodec);
  });

  it('mkv streams carry a readable title', async () => {
    const output = await convertTo(profile({ container: 'mkv' }), 'remux');
    expect((await subtitleStreams(output)).map((stream) => stream.tags?.title)).toEqual(['English', 'German']);
  });

  it('a subtitle file ffmpeg cannot read is left out and reported with its language; the others are embedded', async () => {
    const { result } = await downloadSubtitled('subs-unreadable', ['en', UNREADABLE_SUBTITLE_LANGUAGE], ['en', UNREADABLE_SUBTITLE_LANGUAGE]);
    expect(result.subtitles.map((subtitle) => subtitle.language)).toEqual(['en', UNREADABLE_SUBTITLE_LANGUAGE]);

    const plan = planConversion(await ffmpeg.probe(result.filePath), profile({ container: 'mkv' }));
    const output = path.join(await freshDir(), '.trailer.partial');
    const converted = await ffmpeg.convert({ input: result.filePath, output, plan, subtitles: result.subtitles });

    expect(converted.subtitles.readable.map((subtitle) => subtitle.language)).toEqual(['en']);
    expect(converted.subtitles.unreadable).toEqual([
      { language: UNREADABLE_SUBTITLE_LANGUAGE, path: `${result.filePath}.${UNREADABLE_SUBTITLE_LANGUAGE}.vtt`, reason: expect.any(String) },
    ]);
    expect(converted.subtitles.unreadable[0]?.reason).not.toBe('');
    expect((await subtitleStreams(output)).map((stream) => stream.tags?.language)).toEqual(['eng']);
  });

  it('refuses a subtitle with a hostile language or a relative path before ffmpeg starts', async () => {
    const plan = planConversion(await ffmpeg.probe(download.outputPath), profile({ container: 'mkv' }));
    const dir = await freshDir();
    const output = path.join(dir, '.trailer.partial');
    const english = download.subtitles[0]!;
    for (const subtitles of [[{ language: '-map', path: english.path }], [{ language: 'en', path: 'relative.vtt' }]]) {
      const error = await failureOf(ffmpeg.convert({ input: download.outputPath, output, plan, subtitles }));
      expect(error.failure).toBe('invalid-request');
    }
    expect(await readdir(dir)).toEqual([]);
  });
});
