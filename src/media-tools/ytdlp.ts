// The yt-dlp edge: version, search and download, run as the binary given in config (the system
// one, or the managed copy in DATA_DIR/bin).
// yt-dlp-wrap is not used: its only extra over a plain spawn is fetching binaries from GitHub,
// which this service must never do, and we need process-group kills and exact argv control.
import { statSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { trackDownloadFiles } from './download-files.ts';
import { failureFromOutcome, MediaToolError } from './media-tool-error.ts';
import { startProcess, type ProcessOutcome } from './run-process.ts';
import { subtitleDownloadArgs, type SubtitleFile, type SubtitleRequest } from './subtitle-args.ts';
import { checkYtdlpExtraArgs } from './ytdlp-extra-args.ts';
import {
  downloadArgs,
  isYoutubeUrl,
  searchArgs,
  supportsJsRuntimes,
  supportsPluginDirs,
  youtubeReadinessArgs,
  type JsRuntime,
} from './ytdlp-args.ts';
import { DownloadProgressTotal, parseProgressLine, PROGRESS_LINE_PREFIX, type DownloadProgress } from './ytdlp-progress.ts';
import { parseSearchOutput, type SearchResult } from './ytdlp-search-result.ts';
import { noFileError, readFinalPath } from './ytdlp-final-file.ts';
import { downloadRequestSchema, invalid, searchRequestSchema } from './ytdlp-request.ts';
import { readSubtitleFiles } from './ytdlp-subtitle-files.ts';

export type { DownloadProgress } from './ytdlp-progress.ts';
export type { SearchResult } from './ytdlp-search-result.ts';
export type { SubtitleFile, SubtitleRequest } from './subtitle-args.ts';

export interface YtdlpConfig {
  /** The binary, or how to find it before each run (the managed copy can be replaced any time). */
  ytdlpPath: string | (() => string);
  /** JS runtimes for YouTube's challenges, passed when the installed yt-dlp knows `--js-runtimes`. */
  jsRuntimes?: readonly JsRuntime[] | undefined;
  /** A PO-token provider plugin folder, passed as `--plugin-dirs` when the yt-dlp knows it. */
  pluginDir?: string | undefined;
  /** Handed to yt-dlp for merging formats, when it is an absolute path (a bare name is found on PATH anyway). */
  ffmpegPath?: string | undefined;
}

export interface DownloadRequest {
  url: string;
  /** Exact absolute path to write; the caller picks a hidden partial name and renames it later. */
  outputPath: string;
  maxHeight: number;
  maxFilesizeBytes: number;
  maxDurationSeconds: number;
  timeoutMs: number;
  /** Download only the sound (theme music): the best audio-only format when the site has one. */
  audioOnly?: boolean | undefined;
  cookiesFile?: string | undefined;
  extraArgs?: readonly string[] | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /** Subtitles to write beside the output (`<output>.<lang>.<ext>`); a language the source lacks is no error. */
  subtitles?: SubtitleRequest | undefined;
}

export interface DownloadResult {
  filePath: string;
  bytes: number;
  /** The subtitle files written beside `filePath`, in the order asked; the caller removes them. */
  subtitles: SubtitleFile[];
}

export interface SearchOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface Ytdlp {
  /** `yt-dlp --version`, asked once per instance. */
  version(): Promise<string>;
  search(query: string, count: number, options?: SearchOptions): Promise<SearchResult[]>;
  /** The same search, but each result as yt-dlp printed it (for rankers that read more fields). */
  searchEntries(query: string, count: number, options?: SearchOptions): Promise<unknown[]>;
  download(request: DownloadRequest): Promise<DownloadResult>;
}

/** How often the growing download is measured on disk, for sources that report no size. */
const SIZE_POLL_MS = 250;
const DEFAULT_SEARCH_TIMEOUT_MS = 60_000;

function aborted(what: string): MediaToolError {
  return new MediaToolError(`yt-dlp ${what} was aborted before it started`, { tool: 'yt-dlp', failure: 'aborted' });
}

const ytdlpEnv = (): NodeJS.ProcessEnv => ({ ...process.env, PYTHONUNBUFFERED: '1', PYTHONUTF8: '1' });

/** yt-dlp reports skips on stdout and errors on stderr; an error message wants both. */
const combinedTail = (outcome: ProcessOutcome): string =>
  [outcome.stdoutTail, outcome.stderrTail].filter((tail) => tail !== '').join('\n');

/** Identifies one build of the binary: a replaced managed copy has a new modification time. */
function binaryKey(binary: string): string {
  try {
    const info = statSync(binary);
    return `${binary}\0${info.ino}\0${info.mtimeMs}`;
  } catch {
    return binary;
  }
}

export function createYtdlp(config: YtdlpConfig): Ytdlp {
  let versionCache: { key: string; promise: Promise<string> } | undefined;
  const ffmpegPath = config.ffmpegPath !== undefined && path.isAbsolute(config.ffmpegPath) ? config.ffmpegPath : undefined;
  const binary = typeof config.ytdlpPath === 'function' ? config.ytdlpPath : () => config.ytdlpPath as string;

  /** `yt-dlp --version` of `bin`, asked once per build of the binary. */
  const versionOf = (bin: string): Promise<string> => {
    const key = binaryKey(bin);
    if (versionCache?.key === key) return versionCache.promise;
    const promise = (async () => {
      const outcome = await startProcess(bin, ['--version'], { collectStdout: true, timeoutMs: 30_000 }).done;
      if (outcome.exitCode !== 0 || outcome.stopReason !== undefined || outcome.spawnError !== undefined) {
        throw failureFromOutcome('yt-dlp', 'version check', outcome, outcome.stderrTail);
      }
      return outcome.stdout.trim();
    })();
    const entry = { key, promise };
    versionCache = entry;
    // A failed check (binary missing right now) must not be remembered forever.
    promise.catch(() => {
      if (versionCache === entry) versionCache = undefined;
    });
    return promise;
  };
  const version = (): Promise<string> => versionOf(binary());

  /** The YouTube options this build understands. */
  const readinessArgsFor = (installed: string): string[] =>
    youtubeReadinessArgs({
      jsRuntimes: supportsJsRuntimes(installed) ? (config.jsRuntimes ?? []) : [],
      pluginDir: supportsPluginDirs(installed) ? config.pluginDir : undefined,
    });

  const runSearch = async (query: string, count: number, options: SearchOptions): Promise<{ stdout: string; stderrTail: string }> => {
    const parsed = searchRequestSchema.safeParse({ query, count });
    if (!parsed.success) throw invalid('search', parsed.error);
    if (options.signal?.aborted) throw aborted('search');
    const bin = binary();
    const readinessArgs = readinessArgsFor(await versionOf(bin));
    const outcome = await startProcess(bin, searchArgs(parsed.data.query, parsed.data.count, readinessArgs), {
      collectStdout: true,
      timeoutMs: options.timeoutMs ?? DEFAULT_SEARCH_TIMEOUT_MS,
      signal: options.signal,
      env: ytdlpEnv(),
    }).done;
    if (outcome.exitCode !== 0 || outcome.stopReason !== undefined || outcome.spawnError !== undefined) {
      throw failureFromOutcome('yt-dlp', `search "${parsed.data.query}"`, outcome, outcome.stderrTail);
    }
    return { stdout: outcome.stdout, stderrTail: outcome.stderrTail };
  };

  const badSearchOutput = (stderrTail: string, cause: unknown): MediaToolError =>
    new MediaToolError('yt-dlp search printed output that is not a search result', {
      tool: 'yt-dlp',
      failure: 'bad-output',
      stderrTail,
      cause,
    });

  const search = async (query: string, count: number, options: SearchOptions = {}): Promise<SearchResult[]> => {
    const { stdout, stderrTail } = await runSearch(query, count, options);
    try {
      return parseSearchOutput(stdout);
    } catch (cause) {
      throw badSearchOutput(stderrTail, cause);
    }
  };

  const searchEntries = async (query: string, count: number, options: SearchOptions = {}): Promise<unknown[]> => {
    const { stdout, stderrTail } = await runSearch(query, count, options);
    try {
      const entries = (JSON.parse(stdout) as { entries?: unknown }).entries;
      if (entries === null || entries === undefined) return [];
      if (!Array.isArray(entries)) throw new Error('"entries" is not a list');
      return entries;
    } catch (cause) {
      throw badSearchOutput(stderrTail, cause);
    }
  };

  const download = async (request: DownloadRequest): Promise<DownloadResult> => {
    const parsed = downloadRequestSchema.safeParse(request);
    if (!parsed.success) throw invalid('download request', parsed.error);
    // Settings are checked when saved; this guards every other caller (and older stored values).
    const extra = checkYtdlpExtraArgs(parsed.data.extraArgs ?? []);
    if (!extra.ok) throw new MediaToolError(extra.message, { tool: 'yt-dlp', failure: 'invalid-request' });
    const languages = parsed.data.subtitles?.languages ?? [];
    const { url, outputPath, maxFilesizeBytes } = parsed.data;
    if (request.signal?.aborted) throw aborted('download');
    const bin = binary();
    const readinessArgs = isYoutubeUrl(url) ? readinessArgsFor(await versionOf(bin)) : [];

    const finalPathFile = `${outputPath}.final-path`;
    const subtitleListFile = `${outputPath}.subtitle-list`;
    // yt-dlp appends to these files; a leftover from a crashed attempt would name stale paths.
    await Promise.all([rm(finalPathFile, { force: true }), rm(subtitleListFile, { force: true })]);
    const files = await trackDownloadFiles(outputPath, [finalPathFile, subtitleListFile]);
    const subtitleArgs = subtitleDownloadArgs({ languages, automatic: parsed.data.subtitles?.automatic ?? false }, subtitleListFile);
    const progressTotal = new DownloadProgressTotal();
    const running = startProcess(bin, downloadArgs({ ...parsed.data, extraArgs: extra.args, finalPathFile, ffmpegPath, readinessArgs, subtitleArgs }), {
      timeoutMs: parsed.data.timeoutMs,
      signal: request.signal,
      env: ytdlpEnv(),
      keepStdoutLine: (line) => !line.includes(PROGRESS_LINE_PREFIX),
      onStdoutLine: (line) => {
        const update = parseProgressLine(line);
        if (update === undefined) return;
        const progress = progressTotal.add(update);
        if (progress.downloadedBytes > maxFilesizeBytes) running.stop('too-large');
        try {
          request.onProgress?.(progress);
        } catch {
          // Progress is advisory; a failing listener must not break the download.
        }
      },
    });

    // Plain http sources may send no size at all, and ffmpeg-based downloads report no
    // progress: measure what is on disk as well.
    let measuring = false;
    const sizeWatch = setInterval(() => {
      if (measuring) return;
      measuring = true;
      files
        .bytesWritten()
        .then((bytes) => {
          if (bytes > maxFilesizeBytes) running.stop('too-large');
        })
        .finally(() => (measuring = false));
    }, SIZE_POLL_MS);

    const outcome = await running.done.finally(() => clearInterval(sizeWatch));
    try {
      const tail = combinedTail(outcome);
      if (outcome.exitCode !== 0 || outcome.stopReason !== undefined || outcome.spawnError !== undefined) {
        throw failureFromOutcome('yt-dlp', `download of ${url}`, outcome, tail);
      }
      const finalPath = await readFinalPath(finalPathFile);
      if (finalPath === undefined) throw noFileError(url, tail);
      if (finalPath !== outputPath) {
        if (!(await files.created()).includes(finalPath)) {
          throw new MediaToolError(`yt-dlp wrote ${finalPath}, not a file beside ${outputPath}`, {
            tool: 'yt-dlp',
            failure: 'bad-output',
            stderrTail: tail,
          });
        }
        await rename(finalPath, outputPath);
      }
      const bytes = (await stat(outputPath)).size;
      if (bytes > maxFilesizeBytes) {
        throw new MediaToolError(`yt-dlp download of ${url} is ${bytes} bytes, over the ${maxFilesizeBytes} byte limit`, {
          tool: 'yt-dlp',
          failure: 'too-large',
          stderrTail: tail,
        });
      }
      const created = await files.created();
      const subtitles = await readSubtitleFiles(subtitleListFile, created, languages);
      // Format pieces a merge left behind (and subtitles in formats not asked for) are ours and of no further use.
      const kept = new Set([outputPath, ...subtitles.map((subtitle) => subtitle.path)]);
      await Promise.all(created.filter((file) => !kept.has(file)).map((file) => rm(file, { force: true })));
      return { filePath: outputPath, bytes, subtitles };
    } catch (error) {
      await files.removeAll();
      throw error;
    } finally {
      await Promise.all([rm(finalPathFile, { force: true }), rm(subtitleListFile, { force: true })]);
    }
  };

  return { version, search, searchEntries, download };
}
