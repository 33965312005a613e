import { Hono } from 'hono';
import { z } from 'zod';
import type { UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import type { CheckResult } from '../../doctor/check-result.ts';
import { runDoctor } from '../../doctor/run-doctor.ts';
import { logRingOf } from '../../logger.ts';
import { LOG_LEVELS } from '../../logs/log-ring.ts';
import { HealthResults, LogsPage } from '../../../views/system.tsx';
import { chromeOf, sendFragment, sendInvalidQuery, sendPage } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

/** The checks call every Arr: a dashboard reloaded often reuses a recent run. */
const HEALTH_REUSE_MS = 30_000;
/** Lines rendered on the page; the download has every matching line in the ring. */
const LOGS_SHOWN = 500;

const logsQuerySchema = z.object({
  level: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('trace'),
  q: z
    .string()
    .max(200, 'at most 200 characters')
    .refine((value) => !/[\0-\x1f\x7f]/.test(value), 'must not contain control characters')
    .default(''),
});

/** System pages: the Health panel's checks (the same as `previewarr doctor`) and the logs. */
export function systemRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const app = new Hono<UiEnv>();
  let lastRun: { at: number; results: Promise<CheckResult[]> } | undefined;

  app.get('/system/health', async (c) => {
    if (lastRun === undefined || Date.now() - lastRun.at > HEALTH_REUSE_MS) {
      const results = runDoctor(deps.env, deps.database);
      lastRun = { at: Date.now(), results };
      results.catch(() => (lastRun = undefined));
    }
    const { at, results } = lastRun;
    return sendFragment(c, <HealthResults results={await results} checkedAt={new Date(at)} />);
  });

  app.get('/system/logs', (c) => {
    const parsed = logsQuerySchema.safeParse(c.req.query());
    if (!parsed.success) return sendInvalidQuery(c, assets, parsed.error.issues);
    const ring = logRingOf(deps.logger);
    const entries = ring.list({ minLevel: parsed.data.level, text: parsed.data.q });
    return sendPage(c, <LogsPage chrome={chromeOf(c, assets)} query={parsed.data} entries={entries} shownLimit={LOGS_SHOWN} capacity={ring.capacity} />);
  });

  app.get('/system/logs/download', (c) => {
    const parsed = logsQuerySchema.safeParse(c.req.query());
    if (!parsed.success) return sendInvalidQuery(c, assets, parsed.error.issues);
    const lines = logRingOf(deps.logger).list({ minLevel: parsed.data.level, text: parsed.data.q });
    const name = `previewarr-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}.log`;
    c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    return c.body(lines.map((entry) => `${entry.line}\n`).join(''));
  });
  return app;
}
