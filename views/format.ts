// Pure formatting for the pages (no I/O): times, sizes, durations.

export function relativeTime(date: Date | string | null | undefined, now = new Date()): string {
  if (!date) return 'never';
  const then = typeof date === 'string' ? new Date(date) : date;
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  const phrase =
    s < 45 ? 'a few seconds' : s < 90 ? 'a minute' : s < 3600 ? `${Math.round(s / 60)} minutes` : s < 5400 ? 'an hour' : s < 86_400 ? `${Math.round(s / 3600)} hours` : s < 172_800 ? 'a day' : `${Math.round(s / 86_400)} days`;
  return future ? `in ${phrase}` : `${phrase} ago`;
}

export function isoTime(date: Date | string | null | undefined): string | undefined {
  if (!date) return undefined;
  return (typeof date === 'string' ? new Date(date) : date).toISOString();
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export function titleWithYear(title: string, year: number | null | undefined): string {
  return year ? `${title} (${year})` : title;
}
