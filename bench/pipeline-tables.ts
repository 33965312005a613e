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
    headers: ['items', 'concurrency', 'one alone s', 'backfill s', 'ideal s', 'ratio', 'items/min'],
    rows: [[String(result.clips), String(result.concurrency), num(result.singleSeconds, 2), num(result.seconds, 1), num(result.idealSeconds, 1), `×${num(result.ratio, 2)}`, num(result.itemsPerMinute, 1)]],
    notes: ['bench/backfill.ts (runBackfillBench): ideal = items × one item alone (median of three) / concurrency; its own process.'],
  };
}
