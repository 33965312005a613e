// Pure: the yt-dlp argv for a search or a download. Kept apart from the process handling so the
// flag choices (which depend on the installed yt-dlp version) are unit-testable.
import { PROGRESS_LINE_PREFIX } from './ytdlp-progress.ts';

/** Versions look like `2023.03.04` or, for nightlies, `2025.11.12.232736`. */
function versionAtLeast(version: string, minYear: number, minMonth: number): boolean {
  const match = /^(\d{4})\.(\d{1,2})(?:\.|$)/.exec(version.trim());
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year > minYear || (year === minYear && month >= minMonth);
}

/**
 * `--js-runtimes` arrived in yt-dlp 2025.11 (YouTube now needs a JS runtime to solve its
 * challenges); older builds such as Debian's 2023.03.04 reject the flag with exit code 2.
 */
export function supportsJsRuntimes(version: string): boolean {
  return versionAtLeast(version, 2025, 11);
}

/** `--plugin-dirs` (yt-dlp PR #11277) shipped in 2025.02; older builds reject it. */
export function supportsPluginDirs(version: string): boolean {
  return versionAtLeast(version, 2025, 2);
}

/** A JavaScript runtime yt-dlp may use, as `--js-runtimes NAME:PATH`. */
export type JsRuntime = { name: 'deno' | 'node' | 'bun'; path: string };

/**
 * The options our own code adds for YouTube: every detected JS runtime (only deno is on by
 * default in yt-dlp) and the PO-token provider plugin folder. Each value is its own argv entry,
 * so a path can never be read as another option.
 */
export function youtubeReadinessArgs(input: { jsRuntimes: readonly JsRuntime[]; pluginDir?: string | undefined }): string[] {
  return [
    ...input.jsRuntimes.flatMap((runtime) => ['--js-runtimes', `${runtime.name}:${runtime.path}`]),
    ...(input.pluginDir !== undefined ? ['--plugin-dirs', input.pluginDir] : []),
  ];
}

const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'music.youtube.com',
  'youtu.be',
  'www.youtube-nocookie.com',
  'youtube-nocookie.com',
]);

export function isYoutubeUrl(url: string): boolean {
  try {
    return YOUTUBE_HOSTS.has(new URL(url).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** Best video no taller than `maxHeight` plus best audio; else the best single file that fits; else anything. */
export function formatSelector(maxHeight: number): string {
  return `bv*[height<=${maxHeight}]+ba/b[height<=${maxHeight}]/b`;
}

/**
 * Theme music needs only sound: the best audio-only format (YouTube's opus or m4a, a tenth of the
 * video's size); a site that serves only combined files gets the same fallback as a trailer.
 * Format selection only, no `-x`: the audio is converted by our own ffmpeg step (theme-music.ts).
 */
export function audioOnlyFormatSelector(maxHeight: number): string {
  return `ba/b[height<=${maxHeight}]/b`;
}

/**
 * `?` lets through videos whose duration is unknown: for a plain http file yt-dlp knows no
 * duration, and `duration<=N` would reject it. The caller probes the file afterwards instead.
 */
export function matchFilter(maxDurationSeconds: number): string {
  return `!is_live & duration<=?${Math.floor(maxDurationSeconds)}`;
}

/** yt-dlp reads `-o` as an output template: a literal `%` in a path must be doubled. */
export function escapeOutputTemplate(path: string): string {
  return path.replaceAll('%', '%%');
}

/** Flags every invocation gets: no user/system config file may change our behaviour. */
const BASE_ARGS = ['--ignore-config', '--no-colors'];

/** `readinessArgs`: from youtubeReadinessArgs(), or none for a yt-dlp too old to know them. */
export function searchArgs(query: string, count: number, readinessArgs: readonly string[] = []): string[] {
  return [
    ...BASE_ARGS,
    '--flat-playlist',
    '-J',
    ...readinessArgs,
    '--',
    `ytsearch${count}:${query}`,
  ];
}

export interface DownloadArgsInput {
  url: string;
  outputPath: string;
  /** Where yt-dlp writes the final file path after any merge/extension change. */
  finalPathFile: string;
  maxHeight: number;
  maxFilesizeBytes: number;
  maxDurationSeconds: number;
  /** Theme music: select the best audio-only format (see audioOnlyFormatSelector). */
  audioOnly?: boolean | undefined;
  cookiesFile?: string | undefined;
  ffmpegPath?: string | undefined;
  extraArgs?: readonly string[] | undefined;
  /** From youtubeReadinessArgs(), for YouTube URLs on a yt-dlp that knows them. */
  readinessArgs?: readonly string[] | undefined;
  /** From subtitleDownloadArgs() (subtitle-args.ts), when subtitles are wanted. */
  subtitleArgs?: readonly string[] | undefined;
}

export function downloadArgs(input: DownloadArgsInput): string[] {
  return [
    ...BASE_ARGS,
    '--no-playlist',
    '--newline',
    '--progress-template',
    `download:${PROGRESS_LINE_PREFIX}%(progress)j`,
    '-f',
    input.audioOnly === true ? audioOnlyFormatSelector(input.maxHeight) : formatSelector(input.maxHeight),
    // When video and audio come separately, mkv holds any pair of codecs; ffmpeg converts later.
    '--merge-output-format',
    'mkv',
    '--max-filesize',
    String(input.maxFilesizeBytes),
    '--match-filter',
    matchFilter(input.maxDurationSeconds),
    // The caller's output name is already a hidden partial name; a second `.part` layer would
    // only add a rename and a file to clean up.
    '--no-part',
    // Never resume a leftover from an earlier attempt: it may be from another source.
    '--force-overwrites',
    '--no-mtime',
    '--retries',
    '3',
    '--socket-timeout',
    '30',
    '-o',
    escapeOutputTemplate(input.outputPath),
    '--print-to-file',
    'after_move:filepath',
    escapeOutputTemplate(input.finalPathFile),
    ...(input.cookiesFile !== undefined ? ['--cookies', input.cookiesFile] : []),
    ...(input.ffmpegPath !== undefined ? ['--ffmpeg-location', input.ffmpegPath] : []),
    ...(input.readinessArgs ?? []),
    ...(input.subtitleArgs ?? []),
    ...(input.extraArgs ?? []),
    '--',
    input.url,
  ];
}
