import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

// What this process itself does and measures as it happens: the Node.js process (memory, CPU,
// event loop), the webhook requests it answered, and how long its downloads and conversions took.
// One registry per process (a worker process reports its own downloads). Counts kept in the
// database, the same from every process, are in service-metrics.ts.

export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'previewarr_' });

const webhookRequests = new Counter({
  name: 'previewarr_webhook_requests_total',
  help: 'Webhook requests answered by this process, by source and HTTP status',
  labelNames: ['source', 'status'] as const,
  registers: [processRegistry],
});

const downloadSeconds = new Histogram({
  name: 'previewarr_download_duration_seconds',
  help: 'yt-dlp downloads run by this process, by outcome',
  labelNames: ['outcome'] as const,
  buckets: [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800],
  registers: [processRegistry],
});

const conversionSeconds = new Histogram({
  name: 'previewarr_conversion_duration_seconds',
  help: 'ffmpeg conversions run by this process, by mode (remux or transcode) and outcome',
  labelNames: ['mode', 'outcome'] as const,
  buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
  registers: [processRegistry],
});

async function timed<T>(observe: (outcome: 'succeeded' | 'failed', seconds: number) => void, run: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await run();
    observe('succeeded', seconds());
    return result;
  } catch (error) {
    observe('failed', seconds());
    throw error;
  }
}

/** Runs one download and records its duration. */
export function timeDownload<T>(run: () => Promise<T>): Promise<T> {
  return timed((outcome, seconds) => downloadSeconds.observe({ outcome }, seconds), run);
}

/** Runs one conversion and records its duration. */
export function timeConversion<T>(mode: 'remux' | 'transcode', run: () => Promise<T>): Promise<T> {
  return timed((outcome, seconds) => conversionSeconds.observe({ mode, outcome }, seconds), run);
}

/** Counts a webhook answer (`source` is the route's own radarr/sonarr, never request text). */
export function countWebhookRequest(source: 'radarr' | 'sonarr', status: number): void {
  webhookRequests.inc({ source, status: String(status) });
}
