import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../../src/config/env.ts';
import { nodeVersionProblem } from '../../src/node-version.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('environment config', () => {
  it('has the documented defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 7880,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      ROLE: 'all',
      LOG_LEVEL: 'info',
      FFMPEG_PATH: 'ffmpeg',
      FFPROBE_PATH: 'ffprobe',
      YTDLP_PATH: 'yt-dlp',
      TRAILER_URL_TEMPLATE: 'https://www.youtube.com/watch?v={id}',
      WORKER_CONCURRENCY: 2,
      SHUTDOWN_GRACE_SECONDS: 30,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.API_KEY).toBeUndefined();
  });

  it('names each bad variable and what is allowed', () => {
    const problems = problemsOf({
      PORT: '70000',
      ROLE: 'boss',
      LOG_LEVEL: 'loud',
      WORKER_CONCURRENCY: 'many',
      DATABASE_URL: 'mysql://x',
      TRAILER_URL_TEMPLATE: 'https://example.test/watch',
      API_KEY: 'short',
    });
    expect(problems.join('\n')).toMatch(/PORT: must be a whole number from 0 to 65535 \(got "70000"\)/);
    expect(problems.join('\n')).toMatch(/ROLE: must be all, web or worker/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL: must be one of fatal, error, warn, info/);
    expect(problems.join('\n')).toMatch(/WORKER_CONCURRENCY: must be a whole number from 1 to 32/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL: must be a postgres/);
    expect(problems.join('\n')).toMatch(/TRAILER_URL_TEMPLATE: must be an http\(s\) URL containing \{id\}/);
    expect(problems.join('\n')).toMatch(/API_KEY: must be 16 to 128/);
    expect(problems).toHaveLength(7);
  });

  it('refuses split roles on the embedded database', () => {
    expect(problemsOf({ ROLE: 'worker' })).toEqual([
      'ROLE: ROLE=worker needs DATABASE_URL (the embedded database allows one process only) (got "worker")',
    ]);
    expect(problemsOf({ ROLE: 'worker', DATABASE_URL: 'postgres://localhost/x' })).toEqual([]);
  });

  it('takes URL_BASE as a plain path prefix without its trailing slash, and refuses anything else', () => {
    expect(loadEnv({}).URL_BASE).toBe('');
    expect(loadEnv({ URL_BASE: '/' }).URL_BASE).toBe('');
    expect(loadEnv({ URL_BASE: '/previewarr/' }).URL_BASE).toBe('/previewarr');
    expect(loadEnv({ URL_BASE: '/apps/previewarr' }).URL_BASE).toBe('/apps/previewarr');
    for (const bad of ['previewarr', '/pre view', '/../x', '/a//b', 'https://host/x', '/x?y=1']) {
      expect(problemsOf({ URL_BASE: bad })[0], bad).toMatch(/^URL_BASE: must be a path like \/previewarr/);
    }
  });

  it('treats blank values as unset', () => {
    const env = loadEnv({ PORT: '', DATABASE_URL: '  ' });
    expect(env.PORT).toBe(7880);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('exits with code 1 and the message before starting anything', { timeout: 150_000 }, () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: 'not-a-port', DATA_DIR: '/nonexistent/should-not-be-created' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT: must be a whole number from 0 to 65535 (got "not-a-port")');
    expect(result.stdout).not.toContain('Previewarr is running');
  });

  it('explains which Node it needs on an old Node', () => {
    expect(nodeVersionProblem('20.20.2')).toMatch(/needs Node\.js 22\.12 or newer; this is Node\.js 20\.20\.2/);
    expect(nodeVersionProblem('22.11.0')).not.toBeNull();
    expect(nodeVersionProblem('22.12.0')).toBeNull();
    expect(nodeVersionProblem('24.1.0')).toBeNull();
  });
});
