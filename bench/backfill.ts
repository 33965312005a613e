// Benchmark: a backfill of N items (default 100) at a download concurrency of 2, against the
// ideal — the sum of the items' single-run times divided by the concurrency (measured here as
// N × one item's time alone). No fixed sleeps anywhere, so the ratio shows pure overhead. Then the
// same number of new items with a second profile enabled (issue #19: one file per item and
// profile), reported beside the one-profile figure from the same run.
//   in-process:  await runBackfillBench({ clips: 100, concurrency: 2 });
//   standalone:  node --import tsx bench/backfill.ts [clips] [concurrency] [--quick]
import { fileURLToPath } from 'node:url';
import { makeClip } from '../test/support/make-clip.ts';
import { addItem, addProfile, fetchItems, fetchItemsWithExtra, startPipelineBenchEnv } from './pipeline-bench-support.ts';

export interface BackfillBenchOptions {
  clips?: number;
  concurrency?: number;
  /** 10 items instead of `clips`, for a smoke run. */
  quick?: boolean;
}

export interface BackfillBenchResult {
  clips: number;
  concurrency: number;
  /** One item alone, start to finish (median of three). */
  singleSeconds: number;
  seconds: number;
  idealSeconds: number;
  /** seconds / idealSeconds: 1.0 is perfect parallelism with no overhead. */
  ratio: number;
  itemsPerMinute: number;
  /** The same backfill with a second enabled profile (a 720p MP4 trailer): two files per item. */
  twoProfiles: { seconds: number; itemsPerMinute: number; filesPerMinute: number };
}

export async function runBackfillBench(options: BackfillBenchOptions = {}): Promise<BackfillBenchResult> {
  const count = options.quick ? 10 : (options.clips ?? 100);
  const concurrency = options.concurrency ?? 2;
  // A short 480p trailer: each item is a real download, probe and remux.
  const clip = await makeClip({ width: 854, height: 480, rate: 24, seconds: 10 });
  const env = await startPipelineBenchEnv({
    defaultClip: clip,
    env: { WORKER_CONCURRENCY: String(concurrency), FFMPEG_CONCURRENCY: String(concurrency) },
  });
  try {
    await fetchItems(env, [await addItem(env, 'warmup')]);
    const singles: number[] = [];
    for (let i = 0; i < 3; i += 1) singles.push(await fetchItems(env, [await addItem(env, `single-${i}`)]));
    const singleSeconds = [...singles].sort((a, b) => a - b)[1] ?? singles[0] ?? 0;
    const items: number[] = [];
    for (let i = 0; i < count; i += 1) items.push(await addItem(env, `backfill-${i}`));
    const seconds = await fetchItems(env, items);
    const idealSeconds = (count * singleSeconds) / concurrency;
    // Then as many new items with a second profile enabled: every item gets two files.
    const second = await addProfile(env, { name: 'Second trailer (720p MP4)', container: 'mp4', maxHeight: 720 });
    const twoProfileItems: Array<{ mediaId: number; videoId: string }> = [];
    for (let i = 0; i < count; i += 1) twoProfileItems.push({ mediaId: await addItem(env, `backfill-${i}`), videoId: `backfill-${i}` });
    const twoSeconds = await fetchItemsWithExtra(env, twoProfileItems, second);
    return {
      clips: count,
      concurrency,
      singleSeconds,
      seconds,
      idealSeconds,
      ratio: seconds / idealSeconds,
      itemsPerMinute: (count / seconds) * 60,
      twoProfiles: { seconds: twoSeconds, itemsPerMinute: (count / twoSeconds) * 60, filesPerMinute: ((2 * count) / twoSeconds) * 60 },
    };
  } finally {
    await env.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const numbers = args.filter((a) => /^\d+$/.test(a)).map(Number);
  const result = await runBackfillBench({ clips: numbers[0] ?? 100, concurrency: numbers[1] ?? 2, quick: args.includes('--quick') });
  console.log(
    `backfill: ${result.clips} trailers at concurrency ${result.concurrency} in ${result.seconds.toFixed(1)} s ` +
      `(${result.itemsPerMinute.toFixed(1)}/min); ideal ${result.idealSeconds.toFixed(1)} s from ${result.singleSeconds.toFixed(2)} s each → ratio ${result.ratio.toFixed(2)}; ` +
      `with two profiles ${result.twoProfiles.seconds.toFixed(1)} s (${result.twoProfiles.itemsPerMinute.toFixed(1)} items/min, ${result.twoProfiles.filesPerMinute.toFixed(1)} files/min)`,
  );
}
