/**
 * Real yt-dlp fed an extractor's result instead of a page. Automatic captions only come from
 * extractors such as YouTube's; the generic extractor that reads clip-server pages never yields
 * any. yt-dlp's own `--load-info-json <file>` takes what an extractor returned (the JSON `yt-dlp -j`
 * prints) and runs everything after extraction as usual: format and subtitle choice, downloads,
 * `--print-to-file`. So a test writes an info JSON whose format, subtitles and automatic_captions
 * point at the clip server, and hands our ytdlp module (unchanged) a launcher as its binary:
 *
 *   const info = await writeInfoJson(dir, {
 *     id: 'auto1',
 *     videoUrl: server.url('auto1'),
 *     subtitles: { de: server.subtitleUrl('auto1', 'de') },
 *     automaticCaptions: { en: server.automaticCaptionUrl('auto1', 'en') },
 *   });
 *   const ytdlp = createYtdlp({ ytdlpPath: await infoJsonLauncher(dir, info) });
 *   await ytdlp.download({ url: server.url('auto1'), subtitles: { languages: ['en'], automatic: true }, … });
 *
 * The launcher is `exec yt-dlp --load-info-json <file> "$@"`: the arguments our module builds
 * follow as they are, and yt-dlp ignores the URL at their end ("URLs are ignored due to
 * --load-info-json"). YTDLP_PATH picks the real binary (default `yt-dlp`).
 */
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface InfoJsonSpec {
  id: string;
  /** One progressive mp4 format (video and audio in one file), e.g. the clip server's url(id). */
  videoUrl: string;
  /** Uploaded subtitles: language → WebVTT URL. */
  subtitles?: Readonly<Record<string, string>>;
  /** Automatic captions: language → WebVTT URL (listed beside a json3 track, as YouTube does). */
  automaticCaptions?: Readonly<Record<string, string>>;
}

const tracks = (urls: Readonly<Record<string, string>> = {}, automatic: boolean) =>
  Object.fromEntries(
    Object.entries(urls).map(([language, url]) => [
      language,
      // YouTube lists several formats per language; `--sub-format vtt/srt/best` must pick the vtt.
      automatic ? [{ ext: 'json3', url: `${url}.json3` }, { ext: 'vtt', url, name: `${language} (auto-generated)` }] : [{ ext: 'vtt', url }],
    ]),
  );

/**
 * Writes the info JSON as the YouTube extractor would return it, to `file` (default
 * `<dir>/<id>.info.json`; a launcher made once can be given a new video per test); returns its path.
 */
export async function writeInfoJson(dir: string, spec: InfoJsonSpec, file = path.join(dir, `${spec.id}.info.json`)): Promise<string> {
  const info = {
    id: spec.id,
    title: `Trailer ${spec.id}`,
    extractor: 'youtube',
    extractor_key: 'Youtube',
    duration: 2,
    formats: [{ format_id: '18', url: spec.videoUrl, ext: 'mp4', protocol: 'http', width: 320, height: 240, vcodec: 'avc1.42001E', acodec: 'mp4a.40.2' }],
    subtitles: tracks(spec.subtitles, false),
    automatic_captions: tracks(spec.automaticCaptions, true),
  };
  await writeFile(file, JSON.stringify(info));
  return file;
}

const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/** An executable `<dir>/yt-dlp-info-json` that runs the real yt-dlp on `infoJson`; returns its path. */
export async function infoJsonLauncher(dir: string, infoJson: string): Promise<string> {
  const launcher = path.join(dir, 'yt-dlp-info-json');
  const ytdlp = process.env['YTDLP_PATH'] ?? 'yt-dlp';
  await writeFile(launcher, `#!/bin/sh\nexec ${shellQuote(ytdlp)} --load-info-json ${shellQuote(infoJson)} "$@"\n`);
  await chmod(launcher, 0o755);
  return launcher;
}
