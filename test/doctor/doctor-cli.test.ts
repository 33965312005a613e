// `previewarr doctor` as a child process (what `npm run doctor` runs), against a healthy set-up
// and a broken one: one line per check, a fix for each problem, exit code 1 on a failure.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connections } from '../../src/db/schema/index.ts';
import { startFakeRadarr, startFakeSonarr, type FakeArrServer } from '../support/fake-arr.ts';
import { testBackend, type TestDatabase } from '../support/test-db.ts';
import { startTestService } from '../support/test-service.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const INHERITED_OUT = ['DATABASE_URL', 'DATA_DIR', 'API_KEY', 'PUID', 'PGID', 'FFMPEG_PATH', 'YTDLP_PATH', 'YTDLP_UPDATES', 'YTDLP_PLUGIN_DIR', 'TEST_DATABASE_URL'];

function runDoctor(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !INHERITED_OUT.includes(key)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/doctor/main.ts'], { cwd: REPO, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const lineOf = (stdout: string, name: string) => stdout.split('\n').find((line) => line.includes(`] ${name}`));

describe(`previewarr doctor (${testBackend})`, () => {
  let database: TestDatabase;
  let radarr: FakeArrServer;
  let sonarr: FakeArrServer;
  let mediaRoot: string;

  beforeAll(async () => {
    mediaRoot = await mkdtemp(path.join(tmpdir(), 'previewarr-doctor-media-'));
    await mkdir(path.join(mediaRoot, 'movies'));
    await chmod(path.join(mediaRoot, 'movies'), 0o755);
    radarr = await startFakeRadarr({ rootFolders: [{ id: 1, path: path.join(mediaRoot, 'movies'), accessible: true, freeSpace: 1e12 }] });
    sonarr = await startFakeSonarr({ rootFolders: [] });
    // The service migrates the database and creates the default profile; then it stops, as the
    // doctor would find it when run beside a stopped (or, on PostgreSQL, a running) service.
    const svc = await startTestService({ workers: () => [] });
    database = svc.database;
    await svc.deps.database.db.insert(connections).values([
      { name: 'Radarr', kind: 'radarr', baseUrl: radarr.url, apiKey: radarr.apiKey },
      { name: 'Sonarr', kind: 'sonarr', baseUrl: sonarr.url, apiKey: sonarr.apiKey },
    ]);
    await svc.stopService();
  }, 180_000);

  afterAll(async () => {
    await radarr?.close();
    await sonarr?.close();
    await database?.drop();
    await rm(mediaRoot, { recursive: true, force: true });
  });

  it('a healthy set-up: every check passes or only warns, exit code 0', async () => {
    const { code, stdout, stderr } = await runDoctor({ ...database.env, YTDLP_PLUGIN_DIR: mediaRoot });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lineOf(stdout, 'Node.js')).toMatch(/^\[ ok \] Node.js: Node.js \d+\.\d+/);
    expect(lineOf(stdout, 'ffmpeg')).toMatch(/^\[ ok \] ffmpeg: ffmpeg version/);
    expect(lineOf(stdout, 'yt-dlp')).toMatch(/\] yt-dlp: \d{4}\.\d{2}\.\d{2}/);
    expect(lineOf(stdout, 'JavaScript runtime')).toMatch(/^\[ ok \] JavaScript runtime: node v\d+/);
    expect(lineOf(stdout, 'yt-dlp plugins')).toMatch(/^\[ ok \] yt-dlp plugins: .* is passed to yt-dlp as --plugin-dirs$/);
    expect(lineOf(stdout, 'Data folder')).toMatch(/^\[ ok \] Data folder: .* is writable, .* free/);
    expect(lineOf(stdout, 'Database')).toMatch(/^\[ ok \] Database: .* answers, every migration applied/);
    expect(lineOf(stdout, 'Profile "')).toMatch(/^\[ ok \] Profile ".*": encoder libx264 is available/);
    expect(lineOf(stdout, 'Radarr:')).toMatch(/^\[ ok \] Radarr: Connected to Radarr/);
    expect(lineOf(stdout, `Radarr: ${mediaRoot}`)).toMatch(/^\[ ok \] Radarr: .*\/movies: the folder is writable as user \d+$/);
    expect(stdout).toMatch(/\[ ok \] Sonarr: /);
    expect(stdout).not.toContain('[FAIL]');
    expect(stdout).toMatch(/\d+ ok, \d+ warnings?, 0 failed\n$/);
  }, 120_000);

  it('a broken set-up: each problem is one FAIL line with its fix, exit code 1', async () => {
    sonarr.fail({ mode: 'status', status: 401 });
    try {
      const { code, stdout } = await runDoctor({ ...database.env, FFMPEG_PATH: '/nonexistent/ffmpeg', PUID: '4321', PGID: '4321', YTDLP_PLUGIN_DIR: path.join(mediaRoot, 'no-plugins') });
      expect(code).toBe(1);
      expect(lineOf(stdout, 'ffmpeg')).toBe('[FAIL] ffmpeg: /nonexistent/ffmpeg does not run');
      expect(stdout).toContain('fix: Install ffmpeg, or set FFMPEG_PATH to the binary.');
      expect(lineOf(stdout, 'Profile')).toMatch(/^\[FAIL\] Profile/);
      expect(lineOf(stdout, 'yt-dlp plugins')).toMatch(/^\[FAIL\] yt-dlp plugins: YTDLP_PLUGIN_DIR .*no-plugins is not a folder$/);
      expect(lineOf(stdout, `Radarr: ${mediaRoot}`)).toMatch(/^\[FAIL\] Radarr: .*\/movies: the folder is not writable as PUID 4321\/PGID 4321$/);
      expect(lineOf(stdout, 'Sonarr')).toMatch(/^\[FAIL\] Sonarr: /);
      expect(stdout).toContain('fix: Check the URL and API key in Settings → Connections');
      expect(stdout).toMatch(/[1-9]\d* failed\n$/);
    } finally {
      sonarr.clearFailures();
    }
  }, 120_000);

  it('without a database yet it says to start Previewarr once', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'previewarr-doctor-empty-'));
    try {
      const { code, stdout } = await runDoctor({ DATA_DIR: empty });
      expect(code).toBe(1);
      expect(stdout).toContain('[FAIL] Database: no embedded database in');
      expect(stdout).toContain('fix: Start Previewarr once');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  }, 120_000);
});
