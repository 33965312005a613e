import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ENTRYPOINT = 'docker/entrypoint.sh';
const isRoot = process.getuid?.() === 0;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function run(env: Record<string, string>, command: string[], asUser?: number) {
  const args = asUser === undefined ? [ENTRYPOINT, ...command] : [`--reuid=${asUser}`, `--regid=${asUser}`, '--clear-groups', ENTRYPOINT, ...command];
  return spawnSync(asUser === undefined ? 'sh' : 'setpriv', args, {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
  });
}

describe('container entrypoint', () => {
  it('passes shellcheck', () => {
    const result = spawnSync('shellcheck', [ENTRYPOINT], { encoding: 'utf8' });
    expect(result.error, 'shellcheck must be installed (apt-get install shellcheck)').toBeUndefined();
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.runIf(isRoot)('as root: owns the config folder for PUID/PGID, applies UMASK, drops privileges', () => {
    const config = mkdtempSync(join(tmpdir(), 'previewarr-config-'));
    dirs.push(config);
    const result = run(
      { PUID: '65534', PGID: '65533', UMASK: '027', PREVIEWARR_CONFIG_DIR: config },
      ['sh', '-c', 'id -u; id -g; umask; touch "$PREVIEWARR_CONFIG_DIR/made-by-service"'],
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(['65534', '65533', '0027']);
    const made = statSync(join(config, 'made-by-service'));
    expect([made.uid, made.gid, made.mode & 0o777]).toEqual([65534, 65533, 0o640]);
    const folder = statSync(config);
    expect([folder.uid, folder.gid]).toEqual([65534, 65533]);
  });

  it.runIf(isRoot)('PUID=0 keeps root (some NAS set-ups need it)', () => {
    const config = mkdtempSync(join(tmpdir(), 'previewarr-config-'));
    dirs.push(config);
    const result = run({ PUID: '0', PGID: '0', PREVIEWARR_CONFIG_DIR: config }, ['id', '-u']);
    expect(result.stdout.trim()).toBe('0');
  });

  it.runIf(isRoot)('started as a non-root user it runs the command as that user, unchanged', () => {
    const result = run({ PUID: '1000', PGID: '1000', UMASK: '002' }, ['sh', '-c', 'id -u; umask'], 65534);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(['65534', '0002']);
  });

  it('rejects non-numeric ids and bad masks with a clear message', () => {
    const badId = run({ PUID: 'abc', PGID: '1000' }, ['true']);
    expect(badId.status).toBe(1);
    expect(badId.stderr).toContain("PUID and PGID must be numeric user/group ids (got PUID='abc' PGID='1000')");
    const badMask = run({ PUID: '1000', PGID: '1000', UMASK: '999' }, ['true']);
    expect(badMask.status).toBe(1);
    expect(badMask.stderr).toContain("UMASK must be an octal mask like 022 or 002 (got '999')");
  });
});
