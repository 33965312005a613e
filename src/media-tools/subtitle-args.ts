// Pure: the yt-dlp options that fetch subtitles beside a download, and the ffmpeg inputs and
// options that embed them in the converted file. Every subtitle is embedded — no side-car files —
// so a trailer stays exactly one owned file that rename and delete can handle alone.
import type { Container } from './convert-plan.ts';
import { iso639_2, subtitleTitle } from './subtitle-language.ts';
import { escapeOutputTemplate } from './ytdlp-args.ts';

export interface SubtitleRequest {
  /** Language tags as the source names them (`en`, `de`, `pt-BR`); each is checked first. */
  languages: readonly string[];
  /** Also take automatic captions where a language has no uploaded subtitles. */
  automatic: boolean;
}

/** One subtitle file on disk and the language it is in. */
export interface SubtitleFile {
  language: string;
  path: string;
}

/**
 * What yt-dlp needs to write the requested subtitles beside the download as
 * `<output>.<lang>.<ext>` and to list them, as JSON, in `listFile`. `languages` must each have passed
 * subtitleLanguageProblem() (subtitle-language.ts): yt-dlp reads each entry as a regular expression.
 */
export function subtitleDownloadArgs(request: SubtitleRequest, listFile: string): string[] {
  if (request.languages.length === 0) return [];
  return [
    '--write-subs',
    ...(request.automatic ? ['--write-auto-subs'] : []),
    // One argv entry with `=`: the value can never be read as an option of its own.
    `--sub-langs=${request.languages.join(',')}`,
    // WebVTT is what sites serve and ffmpeg reads; srt next; else whatever there is.
    '--sub-format',
    'vtt/srt/best',
    // A subtitle that fails to download (a 404 track) is otherwise a failed download; with this
    // it is a warning and the file is just not listed. Real failures still exit non-zero.
    '--ignore-errors',
    '--print-to-file',
    'after_move:%(requested_subtitles)j',
    escapeOutputTemplate(listFile),
  ];
}

/** The subtitle codec each container holds as text: Matroska srt, WebM only WebVTT, MP4 mov_text. */
export const SUBTITLE_CODECS: Readonly<Record<Container, string>> = { mkv: 'srt', webm: 'webvtt', mp4: 'mov_text' };

/** ffmpeg's demuxer for a subtitle file by its extension; undefined lets ffmpeg probe it. */
export function subtitleDemuxer(file: string): string | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase();
  switch (extension) {
    case 'vtt':
      return 'webvtt';
    case 'srt':
      return 'srt';
    case 'ass':
    case 'ssa':
      return 'ass';
    default:
      return undefined;
  }
}

/** Input options to put before one subtitle file's `-i`. */
export function subtitleInputOptions(file: string): string[] {
  const demuxer = subtitleDemuxer(file);
  return demuxer !== undefined ? ['-f', demuxer] : [];
}

/**
 * Output options that map subtitle inputs `firstInput`, `firstInput + 1`, … (one file each, its
 * first subtitle stream) as the output's subtitle streams, in the container's codec, with an
 * ISO 639-2 language tag and a readable title.
 */
export function subtitleOutputOptions(container: Container, subtitles: readonly SubtitleFile[], firstInput = 1): string[] {
  return subtitles.flatMap((subtitle, index) => [
    '-map',
    `${firstInput + index}:s:0`,
    `-c:s:${index}`,
    SUBTITLE_CODECS[container],
    `-metadata:s:s:${index}`,
    `language=${iso639_2(subtitle.language)}`,
    `-metadata:s:s:${index}`,
    `title=${subtitleTitle(subtitle.language)}`,
    // Neither default nor forced: which subtitle (if any) to show depends on the audio language
    // and the viewer, which we do not know; a default track would switch subtitles on over audio
    // the viewer understands. Players list them all and the viewer picks. (ffmpeg's MP4 muxer
    // still marks the first subtitle track "enabled", which readers show as default; it cannot
    // be turned off there.)
    `-disposition:s:${index}`,
    '0',
  ]);
}
