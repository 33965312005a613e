// The load generator process: runs autocannon with the spec given as JSON in argv[2] and reports
// a LoadResult. Every request carries a different movie, so none is deduplicated.
//   node --import tsx bench/load-generator.ts '{"url":"http://127.0.0.1:7880/webhooks/radarr",...}'
import autocannon from 'autocannon';
import { reportToParent } from './child-process.ts';
import type { LoadResult, LoadSpec } from './load.ts';
import { downloadWebhookBody } from './webhook-bodies.ts';

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
let nextMovie = spec.firstMovie;

const startedAt = performance.now();
let lastResponseAt = startedAt;
const run = autocannon({
  url: spec.url,
  method: 'POST',
  headers: { 'content-type': 'application/json', ...spec.headers },
  connections: spec.connections,
  ...(spec.durationSeconds !== undefined ? { duration: spec.durationSeconds } : {}),
  ...(spec.amount !== undefined ? { amount: spec.amount } : {}),
  ...(spec.overallRate !== undefined ? { overallRate: spec.overallRate } : {}),
  timeout: 30,
  requests: [
    {
      setupRequest: (request) => ({ ...request, body: downloadWebhookBody(nextMovie++) }),
    },
  ],
});
// autocannon notices it is done only on its next 1 s sample tick, so its `duration` of an
// `amount` run is rounded up to whole seconds; the last answer's own time is exact.
run.on('response', () => (lastResponseAt = performance.now()));
const result = await run;

const statusCodes: Record<string, number> = {};
for (const [code, stats] of Object.entries(result.statusCodeStats)) statusCodes[code] = stats.count;
const report: LoadResult = {
  sent: result.requests.sent,
  ok2xx: result['2xx'],
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  seconds: result.duration,
  lastResponseSeconds: (lastResponseAt - startedAt) / 1000,
  rps: result.duration > 0 ? result['2xx'] / result.duration : 0,
  latencyMs: {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    mean: result.latency.mean,
  },
  statusCodes,
  nextMovie,
};
reportToParent(report);
