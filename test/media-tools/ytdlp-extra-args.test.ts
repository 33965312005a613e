import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowedYtdlpOptions, checkYtdlpExtraArgs } from '../../src/media-tools/ytdlp-extra-args.ts';

describe('checkYtdlpExtraArgs', () => {
  it.each([
    // Abbreviations resolve the way yt-dlp's optparse does: these all ran a shell command before.
    [['--exec-before-downloa', 'id > /tmp/x #'], '--exec-before-download is not allowed'],
    [['--exec-befor', 'id'], '--exec-before-download is not allowed'],
    [['--exe', 'id'], 'is ambiguous'],
    [['--exec', 'rm -rf /'], '--exec is not allowed'],
    [['--exec=touch x'], '--exec is not allowed'],
    [['--alias', 'zz', '--exec "id"', '--zz'], '--alias is not allowed'],
    [['--ali', 'zz', 'x'], '--alias is not allowed'],
    [['--netrc-cmd', 'id'], '--netrc-cmd is not allowed'],
    [['--config-locations', '/tmp/x'], '--config-locations is not allowed'],
    [['--plugin-dirs', '/tmp'], '--plugin-dirs is not allowed'],
    [['--cookies-from-browser', 'firefox'], '--cookies-from-browser is not allowed'],
    [['--cookies', '/etc/shadow'], '--cookies is not allowed'],
    [['--output', '/etc/x'], '--output is not allowed'],
    [['--enable-file-urls'], '--enable-file-urls is not allowed'],
    [['--external-downloader', 'sh'], '--external-downloader is not allowed'],
    [['-o', '/etc/passwd'], '"-o"'],
    [['-xo', 'x'], '"-xo"'],
    [['-r5M'], '"-r5M"'],
    [['--', 'https://evil.example'], '"--" is not allowed'],
    [['https://evil.example'], 'is not an option'],
    [['--limit-rate'], '--limit-rate needs a value'],
    [['--geo-bypass=yes'], '--geo-bypass takes no value'],
    [['--no-such-option'], '--no-such-option is not a yt-dlp option'],
  ])('refuses %j', (args, message) => {
    const check = checkYtdlpExtraArgs(args);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.message).toContain(message);
  });

  it.each([
    [[], []],
    [['--limit-rate', '5M'], ['--limit-rate', '5M']],
    [['--limit-r', '5M'], ['--limit-rate', '5M']],
    [['--rate-limit=5M'], ['--limit-rate', '5M']],
    [['-r', '5M', '-4'], ['--limit-rate', '5M', '--force-ipv4']],
    [['--extractor-args', 'youtube:player_client=web'], ['--extractor-args', 'youtube:player_client=web']],
    [['--min-sleep-interval', '2', '--max-sleep', '5'], ['--sleep-interval', '2', '--max-sleep-interval', '5']],
    // A value is the next argument whatever it looks like, exactly as optparse takes it.
    [['--format-sort', '--exec'], ['--format-sort', '--exec']],
  ])('allows %j as %j', (args, expected) => {
    expect(checkYtdlpExtraArgs(args)).toEqual({ ok: true, args: expected });
  });
});

/**
 * The allowlist's arity must be yt-dlp's own: an option wrongly thought to take a value would let
 * the next argument through unchecked. Read from the installed yt-dlp's parser (Debian ships it
 * as a Python package; the script names its interpreter on the first line).
 */
describe('the allowlist against the installed yt-dlp', () => {
  const ytdlp = execFileSync('sh', ['-c', 'command -v yt-dlp'], { encoding: 'utf8' }).trim();
  const interpreter = /^#!(\S+python\S*)/.exec(readFileSync(ytdlp, 'utf8'))?.[1];

  it.runIf(interpreter !== undefined)('every allowed option it knows has the arity the allowlist assumes', () => {
    const script = [
      'import json, sys',
      'from yt_dlp.options import create_parser',
      'print(json.dumps({n: o.takes_value() for o in create_parser()._get_all_options() for n in o._long_opts}))',
    ].join('\n');
    const takesValue = JSON.parse(execFileSync(interpreter ?? '', ['-c', script], { encoding: 'utf8' })) as Record<string, boolean>;
    let checked = 0;
    for (const option of allowedYtdlpOptions) {
      if (!(option in takesValue)) continue; // newer than this yt-dlp (e.g. --impersonate)
      const check = checkYtdlpExtraArgs(takesValue[option] ? [option, 'x'] : [option]);
      expect(check, option).toEqual({ ok: true, args: takesValue[option] ? [option, 'x'] : [option] });
      checked += 1;
    }
    expect(checked).toBeGreaterThan(30);
  });
});
