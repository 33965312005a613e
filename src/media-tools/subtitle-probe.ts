// Which subtitle files ffmpeg can read, asked of ffprobe before a conversion embeds them.
//
// An unreadable subtitle is left out and reported, not a failed conversion: it is a defect of one
// side file from the source, the trailer itself is fine, and failing would throw the trailer away
// (and send the pipeline to a next candidate that may have no subtitles at all). The caller gets
// each one back with the reason, to record ("subtitles in de could not be read: …").
import { z } from 'zod';
import { checkAbsoluteFile, localFileUrl } from './ffprobe.ts';
import { lastErrorLine, MediaToolError } from './media-tool-error.ts';
import { startProcess } from './run-process.ts';
import { subtitleInputOptions, type SubtitleFile } from './subtitle-args.ts';
import { subtitleLanguageProblem } from './subtitle-language.ts';

export interface UnreadableSubtitle {
  language: string;
  path: string;
  reason: string;
}

export interface SortedSubtitles {
  readable: SubtitleFile[];
  unreadable: UnreadableSubtitle[];
}

const PROBE_TIMEOUT_MS = 30_000;

const streamsSchema = z.object({
  streams: z
    .array(
      z
        .object({
          codec_type: z.string().optional().catch(undefined),
          nb_read_packets: z.coerce.number().optional().catch(undefined),
        })
        .catch({}),
    )
    .default([]),
});

/** Refuses a request with a bad path or language before anything runs. */
export function checkSubtitleFiles(subtitles: readonly SubtitleFile[]): void {
  for (const subtitle of subtitles) {
    const problem = subtitleLanguageProblem(subtitle.language);
    if (problem !== undefined) throw new MediaToolError(problem, { tool: 'ffmpeg', failure: 'invalid-request' });
    checkAbsoluteFile('ffmpeg', `subtitle input (${subtitle.language})`, subtitle.path);
  }
}

/**
 * Why ffprobe finds no subtitle cue in `file`, or undefined when it does. Cues are counted, not
 * just streams: ffmpeg's WebVTT reader takes any text as a subtitle stream with no cues, which
 * would embed an empty track.
 */
async function unreadableReason(ffprobePath: string, file: string, signal: AbortSignal | undefined): Promise<string | undefined> {
  const args = [
    '-v',
    'error',
    '-print_format',
    'json',
    '-count_packets',
    '-show_entries',
    'stream=codec_type,nb_read_packets',
    ...subtitleInputOptions(file),
    localFileUrl(file),
  ];
  const outcome = await startProcess(ffprobePath, args, { collectStdout: true, signal, timeoutMs: PROBE_TIMEOUT_MS }).done;
  if (outcome.stopReason === 'aborted') {
    throw new MediaToolError(`ffprobe of subtitle ${file} was aborted`, { tool: 'ffprobe', failure: 'aborted' });
  }
  if (outcome.spawnError !== undefined) {
    throw new MediaToolError(`ffprobe could not be started for subtitle ${file}: ${outcome.spawnError.message}`, {
      tool: 'ffprobe',
      failure: 'spawn-failed',
      cause: outcome.spawnError,
    });
  }
  if (outcome.stopReason !== undefined) return 'ffprobe timed out reading it';
  if (outcome.exitCode !== 0) {
    return lastErrorLine(outcome.stderrTail) || `ffprobe exited with code ${outcome.exitCode ?? '?'}`;
  }
  try {
    const { streams } = streamsSchema.parse(JSON.parse(outcome.stdout));
    const subtitles = streams.filter((stream) => stream.codec_type === 'subtitle');
    if (subtitles.length === 0) return 'it holds no subtitle stream';
    return (subtitles[0]?.nb_read_packets ?? 0) > 0 ? undefined : 'it holds no subtitle cue';
  } catch {
    return 'ffprobe gave no usable report';
  }
}

/** Probes each subtitle file, in order; only a missing or aborted ffprobe is an error. */
export async function sortSubtitles(
  ffprobePath: string,
  subtitles: readonly SubtitleFile[],
  signal?: AbortSignal | undefined,
): Promise<SortedSubtitles> {
  checkSubtitleFiles(subtitles);
  const sorted: SortedSubtitles = { readable: [], unreadable: [] };
  for (const subtitle of subtitles) {
    const reason = await unreadableReason(ffprobePath, subtitle.path, signal);
    if (reason === undefined) sorted.readable.push({ language: subtitle.language, path: subtitle.path });
    else sorted.unreadable.push({ language: subtitle.language, path: subtitle.path, reason });
  }
  return sorted;
}
