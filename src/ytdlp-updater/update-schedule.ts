// Runs the managed yt-dlp update at start and then daily, in the background: start-up never
// waits for GitHub, and a failed update is logged and leaves the installed copy in use.
import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import { updateSettings } from './managed-ytdlp.ts';
import { updateManagedYtdlp, type UpdateResult } from './update-ytdlp.ts';

export const UPDATE_INTERVAL_MS = 24 * 3600_000;

export type YtdlpUpdates = {
  /** The update started at start-up (resolved at once when updates are off). */
  firstRun: Promise<UpdateResult | undefined>;
  stop(): void;
};

export function startYtdlpUpdates(env: Env, logger: Logger): YtdlpUpdates {
  const settings = updateSettings(env);
  if (settings === undefined) return { firstRun: Promise.resolve(undefined), stop: () => {} };
  const log = logger.child({ component: 'ytdlp-update' });
  let running: Promise<UpdateResult> | undefined;
  const run = (): Promise<UpdateResult> => {
    running ??= updateManagedYtdlp(settings)
      .then((result) => {
        if (result.outcome === 'installed') log.info({ version: result.version, previous: result.previousVersion, channel: settings.channel }, 'installed a new yt-dlp');
        else if (result.outcome === 'up-to-date') log.debug({ version: result.version }, 'yt-dlp is up to date');
        else log.warn({ error: result.error, keeping: result.version ?? null }, 'yt-dlp update failed; downloads go on with the installed copy');
        return result;
      })
      .finally(() => (running = undefined));
    return running;
  };
  const firstRun = run();
  const timer = setInterval(() => void run(), UPDATE_INTERVAL_MS);
  timer.unref();
  return { firstRun, stop: () => clearInterval(timer) };
}
