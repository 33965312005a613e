// Tables for the pipeline feature's benchmarks (bench/pipeline.ts, bench/backfill.ts), which run
// here in their own processes through bench/isolated.ts.
import type { BackfillBenchResult } from './backfill.ts';
import type { PipelineBenchResult } from './pipeline.ts';
import { num, type Table } from './table.ts';

/** The pipeline target: at most 10 % over raw yt-dlp + ffmpeg, plus half a second. */
export const pipelineAllowedSeconds = (rawSeconds: number) => 1.1 * rawSeconds + 0.5;

export function pipelineTable(result: PipelineBenchResult): Table {
  return {
    title: `Pipeline overhead (${result.clip})`,
    headers: ['mode', 'pipeline s', 'raw yt-dlp + ffmpeg s', 'ratio', 'allowed s (1.10 × raw + 0.5)'],
    rows: result.cases.map((c) => [c.mode, num(c.pipelineSeconds, 2), num(c.rawSeconds, 2), `×${num(c.ratio, 2)}`, num(pipelineAllowedSeconds(c.rawSeconds), 2)]),
    notes: [
      'bench/pipeline.ts (runPipelineBench): one item through the real service and its trailer-fetch job (PGlite), timed from enqueue to the trailer in place, against the same yt-dlp and ffmpeg commands run by hand; its own process.',
    ],
  };
}

export function backfillTable(result: BackfillBenchResult): Table {
  return {
    title: `Backfill (${result.clips} local clips at concurrency ${result.concurrency})`,
    headers: ['profiles', 'items', 'concurrency', 'one alone s', 'backfill s', 'ideal s', 'ratio', 'items/min', 'files/min'],
    rows: [
      ['1', String(result.clips), String(result.concurrency), num(result.singleSeconds, 2), num(result.seconds, 1), num(result.idealSeconds, 1), `×${num(result.ratio, 2)}`, num(result.itemsPerMinute, 1), num(result.itemsPerMinute, 1)],
      ['2', String(result.clips), String(result.concurrency), '', num(result.twoProfiles.seconds, 1), num(2 * result.idealSeconds, 1), `×${num(result.twoProfiles.seconds / (2 * result.idealSeconds), 2)}`, num(result.twoProfiles.itemsPerMinute, 1), num(result.twoProfiles.filesPerMinute, 1)],
    ],
    notes: [
      'bench/backfill.ts (runBackfillBench): ideal = items × one item alone (median of three) / concurrency (× 2 with two profiles: two files per item); its own process.',
      'Two profiles: the default trailer profile plus a 720p MP4 trailer profile; the extra slots claimed as the backfill claims them, their video given as a chosen link to the same clip (a second slot does not use Radarr\'s trailer id and would search YouTube); the same run as the one-profile row.',
    ],
  };
}
