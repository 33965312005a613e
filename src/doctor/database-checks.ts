// What needs the database: reachability and migrations, the encoders the profiles ask for, every
// Arr connection and its root folders, and the age of the yt-dlp cookies file.
import { stat } from 'node:fs/promises';
import type { Env } from '../config/env.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { readSettings } from '../db/settings-store.ts';
import { listProfiles } from '../admin/profiles.ts';
import { probeConnection } from '../connections/connection-probe.ts';
import { listConnections } from '../connections/connection-store.ts';
import { videoEncoderCandidates } from '../media-tools/conversion-args.ts';
import { createFfmpeg } from '../media-tools/ffmpeg.ts';
import { checkReadiness } from '../routes/health/readiness.ts';
import { fail, guarded, ok, warn, type CheckResult } from './check-result.ts';
import { checkMediaRoot } from './storage-checks.ts';

/** YouTube's sign-in cookies last a few weeks; an old export is often why bot checks return. */
export const COOKIES_MAX_AGE_DAYS = 30;

async function checkDatabase(database: DatabaseHandle): Promise<CheckResult> {
  const report = await checkReadiness(database);
  const what = database.kind === 'pglite' ? 'embedded database' : 'PostgreSQL';
  if (report.checks.database !== 'ok') return fail('Database', `${what}: ${report.checks.database}`, 'Check DATABASE_URL and that the server is running.');
  if (!report.ready) return fail('Database', `${what}: migrations ${report.checks.migrations}`, 'Start Previewarr once: it applies its migrations at start.');
  return ok('Database', `${what} answers, every migration applied`);
}

async function checkEncoders(database: DatabaseHandle, env: Env): Promise<CheckResult[]> {
  const profiles = await listProfiles(database.db);
  const encoders = await createFfmpeg({ ffmpegPath: env.FFMPEG_PATH, ffprobePath: env.FFPROBE_PATH }).encoders();
  return profiles.map((profile) => {
    const wanted = videoEncoderCandidates(profile.videoCodec, profile.hwaccel);
    const found = wanted.find((encoder) => encoders.has(encoder));
    const name = `Profile "${profile.name}"`;
    if (found !== undefined) return ok(name, `encoder ${found} is available`);
    return fail(name, `this ffmpeg has no ${wanted.join(' or ')} encoder`, profile.hwaccel === 'none' ? 'Install an ffmpeg built with it, or pick another codec.' : `Pass the ${profile.hwaccel} device into the container and use an ffmpeg with ${profile.hwaccel}, or set the profile's hardware acceleration to none.`);
  });
}

async function checkConnections(database: DatabaseHandle, env: Env): Promise<CheckResult[]> {
  const connections = (await listConnections(database.db)).filter((connection) => connection.enabled);
  if (connections.length === 0) return [warn('Connections', 'no Radarr or Sonarr connection yet', 'Add one in Settings → Connections.')];
  const perConnection = await Promise.all(
    connections.map(async (connection) => {
      const probe = await probeConnection(connection);
      if (!probe.result.ok) return [fail(connection.name, probe.health.message, 'Check the URL and API key in Settings → Connections, and that the Arr is running.')];
      const roots = await Promise.all((probe.rootFolders ?? []).map((folder) => checkMediaRoot(connection.name, folder.path, folder.localPath, env)));
      return [ok(connection.name, probe.health.message), ...roots];
    }),
  );
  return perConnection.flat();
}

async function checkCookies(database: DatabaseHandle, now: Date): Promise<CheckResult> {
  const { cookiesFile } = await readSettings(database.db);
  if (cookiesFile === undefined) return ok('Cookies file', 'none (optional; helps when YouTube asks to confirm you are not a bot)');
  const info = await stat(cookiesFile).catch(() => undefined);
  if (info === undefined) return fail('Cookies file', `${cookiesFile} is missing`, 'Upload the cookies.txt again (Settings → Downloads) or remove it.');
  const days = Math.floor((now.getTime() - info.mtimeMs) / 86_400_000);
  if (days > COOKIES_MAX_AGE_DAYS) return warn('Cookies file', `uploaded ${days} days ago`, 'Export fresh YouTube cookies from your browser and upload them (Settings → Downloads).');
  return ok('Cookies file', `uploaded ${days} day${days === 1 ? '' : 's'} ago`);
}

export async function databaseChecks(database: DatabaseHandle, env: Env, now: Date = new Date()): Promise<CheckResult[]> {
  const reachable = await guarded('Database', 'Check DATABASE_URL.', () => checkDatabase(database));
  if (reachable.some((result) => result.status === 'fail')) return reachable;
  const rest = await Promise.all([
    guarded('Profiles', 'Check the profiles in Settings → Profiles.', () => checkEncoders(database, env)),
    guarded('Connections', 'Check Settings → Connections.', () => checkConnections(database, env)),
    guarded('Cookies file', 'Upload the cookies again.', () => checkCookies(database, now)),
  ]);
  return [...reachable, ...rest.flat()];
}
