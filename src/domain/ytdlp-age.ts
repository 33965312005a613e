// How old a yt-dlp is, read from its version (a release date). YouTube breaks old ones within
// weeks, so the doctor warns and a notification goes out past the limit.

/** Past this many days a yt-dlp counts as outdated. */
export const YTDLP_MAX_AGE_DAYS = 60;

/** Days between a `YYYY.MM.DD` version and now, or undefined for another format. */
export function ytdlpAgeDays(version: string, now: Date): number | undefined {
  const match = /^(\d{4})\.(\d{1,2})\.(\d{1,2})/.exec(version);
  if (match === null) return undefined;
  const released = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Math.floor((now.getTime() - released) / 86_400_000);
}
