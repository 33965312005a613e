// Node, ffmpeg/ffprobe, yt-dlp (version and age) and the JavaScript runtime YouTube needs.
import { stat } from 'node:fs/promises';
import type { Env } from '../config/env.ts';
import { detectJsRuntimes } from '../media-tools/js-runtimes.ts';
import { startProcess } from '../media-tools/run-process.ts';
import { supportsJsRuntimes } from '../media-tools/ytdlp-args.ts';
import { nodeVersionProblem } from '../node-version.ts';
import { readUpdateStatus, updateSettings, ytdlpBinary } from '../ytdlp-updater/managed-ytdlp.ts';
import { YTDLP_MAX_AGE_DAYS, ytdlpAgeDays } from '../domain/ytdlp-age.ts';
import { fail, guarded, ok, warn, type CheckResult } from './check-result.ts';


async function firstLineOf(binary: string, args: string[]): Promise<string | undefined> {
  const outcome = await startProcess(binary, args, { collectStdout: true, timeoutMs: 20_000 }).done;
  if (outcome.exitCode !== 0 || outcome.spawnError !== undefined) return undefined;
  return outcome.stdout.split('\n')[0]?.trim();
}

export function checkNode(version: string = process.versions.node): CheckResult {
  const problem = nodeVersionProblem(version);
  return problem === null ? ok('Node.js', `Node.js ${version}`) : fail('Node.js', `Node.js ${version} is too old`, problem);
}

async function checkFfmpegBinary(name: string, binary: string): Promise<CheckResult> {
  const line = await firstLineOf(binary, ['-hide_banner', '-version']);
  if (line === undefined) return fail(name, `${binary} does not run`, `Install ffmpeg, or set ${name === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'} to the binary.`);
  return ok(name, line.replace(/ Copyright.*$/, ''));
}

async function checkYtdlp(env: Env, now: Date): Promise<CheckResult> {
  const binary = ytdlpBinary(env);
  const managed = updateSettings(env);
  const source = binary === env.YTDLP_PATH ? `system binary ${binary}` : `managed copy (${managed?.channel ?? 'stable'} channel)`;
  const version = await firstLineOf(binary, ['--version']);
  if (version === undefined) {
    return fail('yt-dlp', `${binary} does not run`, 'Install yt-dlp, set YTDLP_PATH to it, or set YTDLP_UPDATES=stable to let Previewarr keep its own copy.');
  }
  const lastError = managed !== undefined ? (await readUpdateStatus(managed.paths))?.lastError : undefined;
  if (lastError !== undefined) return warn('yt-dlp', `${version}, ${source}; the last update failed: ${lastError}`, 'Check that this machine reaches the release URL (YTDLP_RELEASE_URL); the installed copy stays in use meanwhile.');
  const age = ytdlpAgeDays(version, now);
  const update = managed === undefined ? 'Update yt-dlp, or set YTDLP_UPDATES=stable so Previewarr keeps it current.' : 'Previewarr updates it daily; check the log for why it did not.';
  if (!supportsJsRuntimes(version)) return warn('yt-dlp', `${version} (${source}) is too old for YouTube (needs 2025.11 or later)`, update);
  if (age !== undefined && age > YTDLP_MAX_AGE_DAYS) return warn('yt-dlp', `${version} (${source}) is ${age} days old`, update);
  return ok('yt-dlp', `${version}, ${source}`);
}

async function checkJsRuntime(): Promise<CheckResult> {
  const runtimes = detectJsRuntimes();
  const versions = await Promise.all(runtimes.map(async (runtime) => `${runtime.name} ${(await firstLineOf(runtime.path, ['--version'])) ?? '(does not run)'}`));
  return ok('JavaScript runtime', `${versions.join(', ')} (passed to yt-dlp for YouTube)`);
}

async function checkPluginDir(dir: string): Promise<CheckResult> {
  const info = await stat(dir).catch(() => undefined);
  if (info?.isDirectory() !== true) return fail('yt-dlp plugins', `YTDLP_PLUGIN_DIR ${dir} is not a folder`, 'Point YTDLP_PLUGIN_DIR at the folder holding the PO-token provider plugin (mount it into the container), or unset it.');
  return ok('yt-dlp plugins', `${dir} is passed to yt-dlp as --plugin-dirs`);
}

export async function toolChecks(env: Env, now: Date = new Date()): Promise<CheckResult[]> {
  const results = await Promise.all([
    guarded('ffmpeg', 'Install ffmpeg.', () => checkFfmpegBinary('ffmpeg', env.FFMPEG_PATH)),
    guarded('ffprobe', 'Install ffmpeg (it brings ffprobe).', () => checkFfmpegBinary('ffprobe', env.FFPROBE_PATH)),
    guarded('yt-dlp', 'Install yt-dlp.', () => checkYtdlp(env, now)),
    guarded('JavaScript runtime', 'Install deno or node.', checkJsRuntime),
    ...(env.YTDLP_PLUGIN_DIR !== undefined ? [guarded('yt-dlp plugins', 'Check YTDLP_PLUGIN_DIR.', () => checkPluginDir(env.YTDLP_PLUGIN_DIR!))] : []),
  ]);
  return [checkNode(), ...results.flat()];
}
