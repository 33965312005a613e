// "yt-dlp outdated": a worker process looks at the yt-dlp it runs at start and then daily. A
// version older than YTDLP_MAX_AGE_DAYS is announced once per version and process (and at most
// once while the notice waits in a target's outbox), so a stale copy is heard about before
// YouTube downloads start failing. Never throws.
import { YTDLP_MAX_AGE_DAYS, ytdlpAgeDays } from '../domain/ytdlp-age.ts';
import { notificationEvent } from '../notifications/notification-event.ts';
import { notify } from '../notifications/notify.ts';
import type { OutboundDeps } from './outbound-deps.ts';

export const YTDLP_AGE_CHECK_INTERVAL_MS = 24 * 3600_000;

export type YtdlpAgeWatch = { firstRun: Promise<void>; stop(): void };

export function watchYtdlpAge(deps: OutboundDeps, versionOf: () => Promise<string | undefined>, now: () => Date = () => new Date()): YtdlpAgeWatch {
  const announced = new Set<string>();
  const check = async (): Promise<void> => {
    try {
      const version = await versionOf();
      if (version === undefined || announced.has(version)) return;
      const age = ytdlpAgeDays(version, now());
      if (age === undefined || age <= YTDLP_MAX_AGE_DAYS) return;
      announced.add(version);
      const advice = 'YouTube downloads start failing with old versions: update yt-dlp, or set YTDLP_UPDATES=stable so Previewarr keeps it current.';
      await notify(deps, notificationEvent('ytdlp-outdated', `yt-dlp ${version} is ${age} days old. ${advice}`), `ytdlp-outdated:${version}`);
    } catch (error) {
      deps.logger.warn({ err: error }, 'could not check the age of yt-dlp');
    }
  };
  const firstRun = check();
  const timer = setInterval(() => void check(), YTDLP_AGE_CHECK_INTERVAL_MS);
  timer.unref();
  return { firstRun, stop: () => clearInterval(timer) };
}
