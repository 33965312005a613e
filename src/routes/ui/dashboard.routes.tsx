import { Hono } from 'hono';
import { activeProgress, connectionsHealth, queueSummary, statusCounts } from '../../admin/dashboard-queries.ts';
import { listEvents } from '../../admin/events-queries.ts';
import type { UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { broadcastStream, pollingBroadcast } from '../../http/sse.ts';
import { liveSettingMismatches } from '../../app/process-registry.ts';
import { readRateLimitStatus } from '../../pipeline/rate-limit-gate.ts';
import { DashboardPage } from '../../../views/dashboard.tsx';
import { LiveUpdate, type LiveSnapshot } from '../../../views/progress.tsx';
import { chromeOf, renderHtml, sendPage } from './render.tsx';
import { listMediaServers, toMediaServerView } from '../../media-servers/media-server-store.ts';
import type { AssetUrls } from './static-assets.ts';

/** How often the shared poll reads job_progress while a dashboard is open. */
export const LIVE_POLL_MS = 500;

export function dashboardRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const db = deps.database.db;
  const app = new Hono<UiEnv>();

  const liveSnapshot = async (): Promise<LiveSnapshot> => ({
    progress: await activeProgress(db),
    counts: await statusCounts(db),
    coolOff: await readRateLimitStatus(db),
  });

  const live = pollingBroadcast({
    read: async () => renderHtml(<LiveUpdate {...await liveSnapshot()} />),
    intervalMs: LIVE_POLL_MS,
    onError: (err) => deps.logger.debug({ err }, 'live dashboard poll failed'),
  });

  app.get('/', async (c) => {
    const snapshot = await liveSnapshot();
    const events = await listEvents(db, { state: 'all', source: 'all', page: 1, pageSize: 8 });
    return sendPage(
      c,
      <DashboardPage
        chrome={chromeOf(c, assets)}
        {...snapshot}
        queue={await queueSummary(db, deps.boss)}
        events={events.items}
        connections={await connectionsHealth(db)}
        settingMismatches={await liveSettingMismatches(db)}
        mediaServers={(await listMediaServers(db)).map(toMediaServerView)}
      />,
    );
  });

  app.get('/live/dashboard', (c) => broadcastStream(c, live));
  return app;
}
