// Sorts a failed yt-dlp or ffmpeg run into what the job queue should do next:
//   rate-limited → stop all downloads for a cool-off (see rate-limiter.ts), then retry
//   transient    → retry this job with backoff
//   permanent    → this video will never work: try the next candidate, don't retry it
//   too-large    → over the configured max file size: try a smaller format or the next candidate
// The patterns follow the messages yt-dlp (2023.03+) and ffmpeg print. Anything unknown is
// treated as transient: retrying a permanent failure a few times costs less than giving up on a
// transient one.

export type DownloadErrorKind = 'rate-limited' | 'transient' | 'permanent' | 'too-large';

export interface DownloadErrorClass {
  kind: DownloadErrorKind;
  /** Short human reason for the UI and logs. */
  reason: string;
  /** The stderr line that decided it (trimmed, at most 300 characters), when there is one. */
  detail?: string;
}

export interface FailedRun {
  /** Process exit code; `null` when the process was killed by a signal. */
  exitCode: number | null;
  signal?: string | null;
  stderr: string;
  /** Set when the service itself ended the run (its timeout, its size ceiling, a shutdown). */
  stoppedBecause?: 'timeout' | 'too-large' | 'aborted';
}

interface Rule {
  kind: DownloadErrorKind;
  reason: string;
  pattern: RegExp;
}

// Order matters: the first matching rule wins. "Sign in to confirm you're not a bot" (rate limit)
// must be checked before "Sign in to confirm your age" (permanent); YouTube prints both the ASCII
// and the typographic apostrophe. Patterns are kept specific because stderr also carries noise
// that must not match: ffmpeg's "Copyright (c) 2000-…" banner, yt-dlp's echoed options.
const RULES: readonly Rule[] = [
  { kind: 'too-large', reason: 'file is larger than the configured maximum size', pattern: /larger than max-filesize/i },
  { kind: 'rate-limited', reason: 'YouTube is rate-limiting downloads (HTTP 429)', pattern: /HTTP Error 429|Too Many Requests/i },
  { kind: 'rate-limited', reason: 'YouTube asks to confirm this is not a bot', pattern: /confirm you[’']re not a bot|not a robot/i },
  { kind: 'rate-limited', reason: 'YouTube reports unusual traffic from this network', pattern: /unusual traffic/i },
  // Said to a network YouTube throttles ("…, try again later", or after "Video unavailable."):
  // not the video's fault, so before the permanent "Video unavailable" rule below.
  { kind: 'rate-limited', reason: 'YouTube withholds videos from this network ("This content isn\'t available")', pattern: /This content isn[’']t available/i },
  { kind: 'permanent', reason: 'video is private', pattern: /Private video|This video is private/i },
  { kind: 'permanent', reason: 'video is members-only', pattern: /members[- ]only|Join this channel to get access|channel's members/i },
  { kind: 'permanent', reason: 'video is age-restricted and no cookies are configured', pattern: /confirm your age|age[- ]restricted|inappropriate for some users/i },
  { kind: 'permanent', reason: 'video is blocked in this country', pattern: /not (?:made this video )?available in your country|geo[- ]?restrict|blocked it in your country/i },
  { kind: 'permanent', reason: 'video was blocked on copyright grounds', pattern: /copyright (?:grounds|claim|infringement)/i },
  { kind: 'permanent', reason: 'video was removed', pattern: /has been removed|been terminated|violating YouTube|no longer available/i },
  { kind: 'permanent', reason: 'video is unavailable', pattern: /Video unavailable|This video is unavailable|This video is not available/i },
  { kind: 'permanent', reason: 'live event has not started or has no recording', pattern: /live event will begin|Premieres in|recording is not available/i },
  { kind: 'permanent', reason: 'video does not exist (HTTP 404)', pattern: /HTTP Error 404|404: Not Found/i },
  { kind: 'permanent', reason: 'no downloadable format matches the settings', pattern: /Requested format is not available|No video formats found/i },
  { kind: 'permanent', reason: 'not a supported video URL', pattern: /Unsupported URL|is not a valid URL|Incomplete YouTube ID/i },
  { kind: 'transient', reason: 'disk is full', pattern: /No space left on device|ENOSPC/i },
  { kind: 'transient', reason: 'DNS lookup failed', pattern: /Temporary failure in name resolution|Name or service not known|getaddrinfo|EAI_AGAIN/i },
  { kind: 'transient', reason: 'connection was reset or refused', pattern: /Connection reset|Connection refused|ECONNRESET|ECONNREFUSED|Remote end closed|Broken pipe|IncompleteRead/i },
  { kind: 'transient', reason: 'network timed out', pattern: /timed? ?out|ETIMEDOUT/i },
  { kind: 'transient', reason: 'server error (HTTP 5xx)', pattern: /HTTP Error 5\d\d|5\d\d (?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)/i },
  { kind: 'transient', reason: 'download was refused (HTTP 403), the link may have expired', pattern: /HTTP Error 403/i },
  { kind: 'transient', reason: 'network is unreachable', pattern: /Network is unreachable|ENETUNREACH|EHOSTUNREACH|No route to host/i },
];

const MAX_DETAIL = 300;

function lineMatching(stderr: string, pattern: RegExp): string | undefined {
  const line = stderr.split(/[\r\n]+/).find((l) => pattern.test(l));
  if (line === undefined) return undefined;
  const trimmed = line.trim();
  return trimmed.length > MAX_DETAIL ? `${trimmed.slice(0, MAX_DETAIL - 1)}…` : trimmed;
}

function firstRuleMatch(stderr: string): DownloadErrorClass | undefined {
  for (const rule of RULES) {
    const detail = lineMatching(stderr, rule.pattern);
    if (detail !== undefined) return { kind: rule.kind, reason: rule.reason, detail };
  }
  return undefined;
}

/** Last `ERROR:` line (or last non-empty line) of stderr, for unknown failures. */
function lastErrorLine(stderr: string): string | undefined {
  const lines = stderr.split(/[\r\n]+/).map((l) => l.trim()).filter((l) => l !== '');
  const line = lines.findLast((l) => l.startsWith('ERROR:')) ?? lines.at(-1);
  if (line === undefined) return undefined;
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

/** Classifies a failed yt-dlp or ffmpeg run from its exit status and stderr text. */
export function classifyDownloadError(run: FailedRun): DownloadErrorClass {
  const stderr = run.stderr ?? '';
  const matched = firstRuleMatch(stderr);
  // Our own reasons for stopping a run come first; only a rate limit seen before a timeout
  // (yt-dlp stuck retrying 429s) is worth more than "took too long".
  if (run.stoppedBecause === 'too-large') return { kind: 'too-large', reason: 'file grew past the configured maximum size' };
  if (run.stoppedBecause === 'aborted') return { kind: 'transient', reason: 'stopped by the service (shutdown or cancel)' };
  if (run.stoppedBecause === 'timeout') {
    return matched?.kind === 'rate-limited' ? matched : { kind: 'transient', reason: 'took too long and was stopped' };
  }
  if (matched) return matched;
  const detail = lastErrorLine(stderr);
  const withDetail = (kind: DownloadErrorKind, reason: string): DownloadErrorClass =>
    detail === undefined ? { kind, reason } : { kind, reason, detail };
  if (run.exitCode === null) {
    return withDetail('transient', `process was stopped${run.signal ? ` by ${run.signal}` : ''}`);
  }
  // yt-dlp exits with 2 when it rejects its own options: a bug on our side that retrying won't fix.
  if (run.exitCode === 2 && /error: (?:no such option|invalid|option)/i.test(stderr)) {
    return withDetail('permanent', 'yt-dlp rejected its command-line options');
  }
  return withDetail('transient', `failed with exit code ${run.exitCode}`);
}
