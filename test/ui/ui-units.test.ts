import { describe, expect, it } from 'vitest';
import { parseByteRange } from '../../src/admin/byte-range.ts';
import { cookiesFileProblem } from '../../src/admin/cookies-file.ts';
import { settingsUpdateSchema } from '../../src/admin/settings-update.ts';
import { pollingBroadcast } from '../../src/http/sse.ts';
import { formErrors, formToSettingsUpdate } from '../../src/routes/ui/settings-form.ts';
import { waitFor } from '../support/wait-for.ts';

describe('HTTP Range', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=900-', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=900-5000', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=50-10', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', { kind: 'full' }],
    ['items=0-1', { kind: 'full' }],
    ['bytes=-', { kind: 'full' }],
  ])('%s of 1000 bytes', (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });
});

describe('settings forms → the settings schema', () => {
  it('reads numbers, lists and switches the way the JSON API takes them', () => {
    const update = formToSettingsUpdate('media', {
      _csrf: 'x',
      preferredLanguages: 'de, en\r\nfr\n\n',
      excludeKeywords: 'reaction\nfan made, edit',
      minDurationSeconds: ' 45 ',
      maxDurationSeconds: '300',
      tmdbApiKey: '••••abcd',
      backfillPolicy: 'all',
    });
    expect(update).toEqual({
      preferredLanguages: ['de', 'en', 'fr'],
      excludeKeywords: ['reaction', 'fan made', 'edit'],
      minDurationSeconds: 45,
      maxDurationSeconds: 300,
      tmdbApiKey: '••••abcd',
    });
    expect(settingsUpdateSchema.safeParse(update).success).toBe(true);
  });

  it('keeps yt-dlp arguments whole, turns an empty optional number into "use the default"', () => {
    expect(formToSettingsUpdate('downloads', { ytdlpExtraArgs: '--extractor-args\nyoutube:player_client=web,android', workerConcurrency: '', ffmpegConcurrency: '3' })).toEqual({
      ytdlpExtraArgs: ['--extractor-args', 'youtube:player_client=web,android'],
      workerConcurrency: null,
      ffmpegConcurrency: 3,
    });
    expect(formToSettingsUpdate('security', { authDisabledForLocalAddresses: 'true' })).toEqual({ authDisabledForLocalAddresses: true });
    expect(formToSettingsUpdate('security', { authDisabledForLocalAddresses: 'false' })).toEqual({ authDisabledForLocalAddresses: false });
  });

  it('a number field with words in it fails the schema with a message a person understands', () => {
    const update = formToSettingsUpdate('downloads', { maxFileSizeMb: 'lots', reconcileIntervalHours: '' });
    const parsed = settingsUpdateSchema.safeParse(update);
    expect(parsed.success).toBe(false);
    const errors = formErrors(parsed.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    expect(errors).toEqual({ maxFileSizeMb: 'Enter a whole number', reconcileIntervalHours: 'Enter a whole number' });
  });
});

describe('cookies.txt check', () => {
  it('accepts the Netscape format and refuses anything else', () => {
    expect(cookiesFileProblem('# Netscape HTTP Cookie File\n.youtube.com\tTRUE\t/\tTRUE\t0\tSID\tv\n')).toBeUndefined();
    expect(cookiesFileProblem('#HttpOnly_.youtube.com\tTRUE\t/\tTRUE\t0\tSID\tv')).toBeUndefined();
    expect(cookiesFileProblem('')).toMatch(/empty/);
    expect(cookiesFileProblem('SID=abc; HSID=def')).toMatch(/7 tab-separated/);
    expect(cookiesFileProblem('# just a comment')).toMatch(/No cookies/);
    expect(cookiesFileProblem('a\0b')).toMatch(/not text/);
    expect(cookiesFileProblem('x'.repeat(1024 * 1024 + 1))).toMatch(/1 MiB/);
  });
});

describe('polling broadcast behind the live pages', () => {
  it('polls only while someone listens, sends changes only, and gives a late listener the latest', async () => {
    let reads = 0;
    let state = 'a';
    const broadcast = pollingBroadcast({ read: async () => (reads++, state), intervalMs: 5, onError: () => {} });
    expect(reads).toBe(0);
    const first: string[] = [];
    const stopFirst = broadcast.subscribe((s) => first.push(s));
    await waitFor(() => first.length === 1, { what: 'the first snapshot' });
    await waitFor(() => reads > 3, { what: 'a few polls' });
    expect(first).toEqual(['a']);
    state = 'b';
    await waitFor(() => first.length === 2, { what: 'the change' });
    const second: string[] = [];
    const stopSecond = broadcast.subscribe((s) => second.push(s));
    expect(second).toEqual(['b']);
    stopFirst();
    stopSecond();
    expect(broadcast.listenerCount).toBe(0);
    const settled = reads;
    const probe: string[] = [];
    const stopProbe = broadcast.subscribe((s) => probe.push(s));
    await waitFor(() => probe.length === 1, { what: 'a fresh read for a new listener' });
    expect(reads).toBeGreaterThan(settled);
    stopProbe();
  });

  it('keeps polling after a failed read and reports it', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const broadcast = pollingBroadcast({
      read: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database restarting');
        return 'ok';
      },
      intervalMs: 5,
      onError: (err) => errors.push(err),
    });
    const got: string[] = [];
    const stop = broadcast.subscribe((s) => got.push(s));
    await waitFor(() => got.length === 1, { what: 'a snapshot after the failure' });
    stop();
    expect(errors).toHaveLength(1);
  });
});
