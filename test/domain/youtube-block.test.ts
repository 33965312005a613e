// Bot checks as real yt-dlp runs printed them (test/fixtures/ytdlp/README.md) → the classifier
// starts a cool-off → the dashboard banner says which block it is and what to do.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyDownloadError } from '../../src/domain/download-error.ts';
import { youtubeBlockAdvice } from '../../src/domain/youtube-block.ts';
import { CoolOffBanner } from '../../views/progress.tsx';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../fixtures/ytdlp', name), 'utf8');

describe('YouTube blocks from real yt-dlp output', () => {
  it.each([
    ['bot-check.txt', 'bot-check', /not a bot/, 'Upload a cookies.txt'],
    ['http-429.txt', 'rate-limit', /HTTP 429/, 'Download fewer at a time'],
    ['content-unavailable.txt', 'content-withheld', /This content isn't available/, 'Download fewer at a time'],
  ])('%s → %s', async (file, kind, reasonPattern, firstStep) => {
    const failure = classifyDownloadError({ exitCode: 1, stderr: fixture(file) });
    expect(failure.kind).toBe('rate-limited');
    expect(failure.reason).toMatch(reasonPattern);
    const advice = youtubeBlockAdvice(failure.reason);
    expect(advice.kind).toBe(kind);
    expect(advice.steps[0]).toContain(firstStep);

    const until = new Date(Date.now() + 30 * 60_000).toISOString();
    const html = String(await CoolOffBanner({ status: { coolingOff: true, until, waitSeconds: 1800, level: 1, reason: failure.reason } }));
    expect(html).toContain('Downloads are paused');
    expect(html).toContain(`data-block="${kind}"`);
    expect(html).toContain('already paused every download');
    for (const step of advice.steps) expect(html).toContain(step.replaceAll('"', '&quot;'));
  });

  it('an ordinary unavailable video stays a permanent failure of that video', () => {
    expect(classifyDownloadError({ exitCode: 1, stderr: 'ERROR: [youtube] abc: Video unavailable. This video has been removed by the uploader' }).kind).toBe('permanent');
  });

  it('no banner while downloads run freely', async () => {
    expect(String(await CoolOffBanner({ status: { coolingOff: false, level: 0 } }))).toBe('<div id="cool-off"></div>');
  });
});
