import { describe, expect, it } from 'vitest';
import { classifyDownloadError, type DownloadErrorKind } from '../../src/domain/download-error.ts';

// stderr as yt-dlp 2023.03+ and ffmpeg print it (ids invented).
const YTDLP = '[youtube] Extracting URL: https://www.youtube.com/watch?v=aaaaaaaaaaa\n[youtube] aaaaaaaaaaa: Downloading webpage\n';
const FFMPEG_BANNER = 'ffmpeg version 5.1.6-0+deb12u1 Copyright (c) 2000-2024 the FFmpeg developers\n  built with gcc 12 (Debian 12.2.0-14)\n';

const cases: [string, DownloadErrorKind, RegExp, string][] = [
  ['HTTP 429', 'rate-limited', /HTTP 429/, `${YTDLP}ERROR: unable to download video data: HTTP Error 429: Too Many Requests`],
  ['bot check (typographic apostrophe)', 'rate-limited', /not a bot/, `${YTDLP}ERROR: [youtube] aaaaaaaaaaa: Sign in to confirm you\u2019re not a bot. Use --cookies-from-browser or --cookies for the authentication.`],
  ['bot check (ASCII apostrophe)', 'rate-limited', /not a bot/, "ERROR: [youtube] aaaaaaaaaaa: Sign in to confirm you're not a bot"],
  ['Too Many Requests alone', 'rate-limited', /429/, 'WARNING: [youtube] Too Many Requests'],
  ['private', 'permanent', /private/, `${YTDLP}ERROR: [youtube] aaaaaaaaaaa: Private video. Sign in if you've been granted access to this video`],
  ['unavailable', 'permanent', /unavailable/, `${YTDLP}ERROR: [youtube] aaaaaaaaaaa: Video unavailable`],
  ['removed by uploader', 'permanent', /removed/, 'ERROR: [youtube] aaaaaaaaaaa: Video unavailable. This video has been removed by the uploader'],
  ['account terminated', 'permanent', /removed/, 'ERROR: [youtube] aaaaaaaaaaa: Video unavailable. This video is no longer available because the YouTube account associated with this video has been terminated.'],
  ['geo-blocked', 'permanent', /country/, 'ERROR: [youtube] aaaaaaaaaaa: Video unavailable. The uploader has not made this video available in your country\nYou might want to use a VPN or a proxy server (with --proxy) to workaround.'],
  ['not available in your country', 'permanent', /country/, 'ERROR: [youtube] aaaaaaaaaaa: This video is not available in your country'],
  ['copyright', 'permanent', /copyright/, 'ERROR: [youtube] aaaaaaaaaaa: Video unavailable. This video contains content from Studio X, who has blocked it on copyright grounds'],
  ['HTTP 404', 'permanent', /404/, 'ERROR: unable to download video data: HTTP Error 404: Not Found'],
  ['members-only', 'permanent', /members-only/, 'ERROR: [youtube] aaaaaaaaaaa: Join this channel to get access to members-only content like this video, and other exclusive perks.'],
  ['age-restricted', 'permanent', /age-restricted/, 'ERROR: [youtube] aaaaaaaaaaa: Sign in to confirm your age. This video may be inappropriate for some users.'],
  ['upcoming', 'permanent', /live event/, 'ERROR: [youtube] aaaaaaaaaaa: This live event will begin in 3 hours.'],
  ['no format', 'permanent', /format/, 'ERROR: [youtube] aaaaaaaaaaa: Requested format is not available. Use --list-formats for a list of available formats'],
  ['too large', 'too-large', /maximum size/, '[download] File is larger than max-filesize (312456789 bytes > 209715200 bytes). Aborting.'],
  ['DNS', 'transient', /DNS/, 'ERROR: [youtube] aaaaaaaaaaa: Unable to download webpage: <urlopen error [Errno -3] Temporary failure in name resolution> (caused by URLError(gaierror(-3, \'Temporary failure in name resolution\')))'],
  ['reset', 'transient', /reset/, 'ERROR: unable to download video data: [Errno 104] Connection reset by peer'],
  ['timeout', 'transient', /timed out/, 'ERROR: [youtube] aaaaaaaaaaa: Unable to download API page: The read operation timed out'],
  ['5xx', 'transient', /5xx/, 'ERROR: unable to download video data: HTTP Error 503: Service Unavailable'],
  ['ffmpeg input reset', 'transient', /reset/, `${FFMPEG_BANNER}[tls @ 0x55] Error in the pull function.\nhttps://rr1.googlevideo.com/videoplayback: Connection reset by peer`],
  ['disk full', 'transient', /disk is full/, `${FFMPEG_BANNER}[matroska @ 0x5] Error writing trailer: No space left on device`],
];

describe('classifyDownloadError', () => {
  it.each(cases)('%s → %s', (_name, kind, reason, stderr) => {
    const result = classifyDownloadError({ exitCode: 1, stderr });
    expect(result.kind).toBe(kind);
    expect(result.reason).toMatch(reason);
    expect(result.detail).toBeDefined();
    expect(stderr).toContain(result.detail);
  });

  it("does not read ffmpeg's Copyright banner as a copyright block", () => {
    const result = classifyDownloadError({ exitCode: 1, stderr: `${FFMPEG_BANNER}Conversion failed!` });
    expect(result).toEqual({ kind: 'transient', reason: 'failed with exit code 1', detail: 'Conversion failed!' });
  });

  it('tells an age check from a bot check', () => {
    expect(classifyDownloadError({ exitCode: 1, stderr: 'Sign in to confirm your age' }).kind).toBe('permanent');
    expect(classifyDownloadError({ exitCode: 1, stderr: 'Sign in to confirm you’re not a bot' }).kind).toBe('rate-limited');
  });

  it('defaults to transient and quotes the last ERROR line', () => {
    const result = classifyDownloadError({ exitCode: 1, stderr: `${YTDLP}ERROR: something nobody has seen before\nsome trailing noise` });
    expect(result).toEqual({ kind: 'transient', reason: 'failed with exit code 1', detail: 'ERROR: something nobody has seen before' });
  });

  it('handles empty stderr and killed processes', () => {
    expect(classifyDownloadError({ exitCode: 1, stderr: '' })).toEqual({ kind: 'transient', reason: 'failed with exit code 1' });
    expect(classifyDownloadError({ exitCode: null, signal: 'SIGKILL', stderr: '' })).toEqual({ kind: 'transient', reason: 'process was stopped by SIGKILL' });
  });

  it('treats rejected command-line options as permanent (retrying cannot help)', () => {
    const stderr = 'Usage: yt-dlp [OPTIONS] URL [URL...]\n\nyt-dlp: error: no such option: --bogus';
    expect(classifyDownloadError({ exitCode: 2, stderr }).kind).toBe('permanent');
  });

  it('puts the service\'s own reason for stopping a run first', () => {
    const stderr = 'ERROR: unable to download video data: HTTP Error 429: Too Many Requests';
    expect(classifyDownloadError({ exitCode: null, signal: 'SIGTERM', stderr, stoppedBecause: 'too-large' }).kind).toBe('too-large');
    expect(classifyDownloadError({ exitCode: null, signal: 'SIGTERM', stderr: '[download]  12.0%', stoppedBecause: 'timeout' })).toEqual({ kind: 'transient', reason: 'took too long and was stopped' });
    // yt-dlp stuck retrying 429s until our timeout: that is a rate limit.
    expect(classifyDownloadError({ exitCode: null, signal: 'SIGTERM', stderr, stoppedBecause: 'timeout' }).kind).toBe('rate-limited');
    expect(classifyDownloadError({ exitCode: null, signal: 'SIGTERM', stderr: '', stoppedBecause: 'aborted' }).kind).toBe('transient');
  });

  it('keeps the detail short', () => {
    const result = classifyDownloadError({ exitCode: 1, stderr: `ERROR: HTTP Error 429 ${'x'.repeat(1_000)}` });
    expect(result.detail?.length).toBe(300);
  });
});
