// Benchmark: backfill throughput of a scaled-out installation on PostgreSQL — one ROLE=web
// process and 1, 2 and 4 ROLE=worker processes (each the real service in its own process,
// WORKER_CONCURRENCY 2), a library of N movies from the fake Radarr, every trailer a real
// download from the local clip server, probe and remux. Timed from the sync request to the last
// trailer in place; the ideal for k workers is k × the one-worker rate (linear scaling).
//   in-process:  await runScaleOutBench({ items: 60 });
//   standalone:  node --import tsx bench/scale-out.ts [items] [--quick]   (prints the table)
import { fileURLToPath } from 'node:url';
import { startCluster, startLibrary } from '../test/scale/scale-cluster.ts';
import { startClipServer } from '../test/support/clip-server.ts';
import { makeClip } from '../test/support/make-clip.ts';
import { waitFor } from '../test/support/wait-for.ts';
import { createBenchDatabase } from './bench-db.ts';
import { num, renderMarkdown, renderText, type Table } from './table.ts';

export const WORKER_COUNTS = [1, 2, 4] as const;

export interface ScaleOutRow {
  workers: number;
  items: number;
  seconds: number;
  itemsPerMinute: number;
  /** workers × the one-worker rate. */
  idealItemsPerMinute: number;
}

export interface ScaleOutResult {
  items: number;
  clip: string;
  rows: ScaleOutRow[];
}

async function backfillOnce(workers: number, items: number, clip: string): Promise<number> {
  const database = await createBenchDatabase('postgres', `scale-${workers}`);
  const clips = await startClipServer({ defaultClip: clip });
  const library = await startLibrary(items);
  try {
    const cluster = await startCluster({ database, clips, workers, env: { WORKER_CONCURRENCY: '2', FFMPEG_CONCURRENCY: '2', LOG_LEVEL: 'info' } });
    try {
      const started = performance.now();
      await cluster.syncLibrary(library);
      await waitFor(async () => ((await cluster.countByStatus())['have'] ?? 0) === items, { timeoutMs: 30 * 60_000, intervalMs: 100, what: `${items} trailers` });
      return (performance.now() - started) / 1000;
    } finally {
      await cluster.close();
    }
  } finally {
    await library.radarr.close();
    library.remove();
    await clips.close();
    await database.drop();
  }
}

export async function runScaleOutBench(options: { items?: number; quick?: boolean } = {}): Promise<ScaleOutResult> {
  const items = options.quick ? 12 : (options.items ?? 60);
  // The backfill bench's clip: a short 480p trailer, a real download, probe and remux each.
  const clip = await makeClip({ width: 854, height: 480, rate: 24, seconds: 10 });
  const rows: ScaleOutRow[] = [];
  for (const workers of WORKER_COUNTS) {
    const seconds = await backfillOnce(workers, items, clip);
    const itemsPerMinute = (items / seconds) * 60;
    const oneWorker = rows[0]?.itemsPerMinute ?? itemsPerMinute;
    rows.push({ workers, items, seconds, itemsPerMinute, idealItemsPerMinute: oneWorker * workers });
  }
  return { items, clip: '10 s 854x480 24 fps h264/aac mp4', rows };
}

export function scaleOutTable(result: ScaleOutResult): Table {
  return {
    title: `Scale-out backfill (${result.items} local clips, one web + k worker processes, PostgreSQL)`,
    headers: ['worker processes', 'backfill s', 'items/min', 'ideal items/min (linear)', 'of ideal'],
    rows: result.rows.map((row) => [
      String(row.workers),
      num(row.seconds, 1),
      num(row.itemsPerMinute, 1),
      num(row.idealItemsPerMinute, 1),
      `${Math.round((row.itemsPerMinute / row.idealItemsPerMinute) * 100)} %`,
    ]),
    notes: [
      `bench/scale-out.ts (runScaleOutBench): ${result.clip} per item; each worker WORKER_CONCURRENCY=2, FFMPEG_CONCURRENCY=2; timed from POST /api/v1/sync to the last trailer in place; ideal = k × the one-worker rate.`,
    ],
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const items = args.find((arg) => /^\d+$/.test(arg));
  const table = scaleOutTable(await runScaleOutBench({ quick: args.includes('--quick'), ...(items ? { items: Number(items) } : {}) }));
  console.log(`${renderText(table)}\n\n${renderMarkdown(table)}`);
}
