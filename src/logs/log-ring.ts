// The most recent log lines, kept in memory for the Logs page: a fixed-size ring, so a chatty
// day costs no more memory than a quiet one. It receives the lines pino writes, after pino has
// redacted them, so the page shows nothing the log itself would not.

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

const LEVEL_BY_NUMBER: Record<number, LogLevelName> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

export type LogEntry = { time: number; level: LogLevelName; msg: string; /** The whole JSON line. */ line: string };

export type LogFilter = { minLevel?: LogLevelName | undefined; text?: string | undefined; limit?: number | undefined };

export const DEFAULT_LOG_RING_SIZE = 2000;

export class LogRing {
  private readonly entries: (LogEntry | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number = DEFAULT_LOG_RING_SIZE) {
    this.entries = new Array(capacity);
  }

  /** pino's destination interface: one or more JSON lines per call. */
  write(chunk: string): void {
    for (const line of chunk.split('\n')) {
      if (line.trim() !== '') this.add(line);
    }
  }

  private add(line: string): void {
    let parsed: { time?: unknown; level?: unknown; msg?: unknown } = {};
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      // Kept as it is: a line that is not JSON is still worth seeing.
    }
    this.entries[this.next] = {
      time: typeof parsed.time === 'number' ? parsed.time : Date.now(),
      level: (typeof parsed.level === 'number' ? LEVEL_BY_NUMBER[parsed.level] : undefined) ?? 'info',
      msg: typeof parsed.msg === 'string' ? parsed.msg : line,
      line,
    };
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Oldest first, at or above `minLevel`, whose JSON line contains `text` (any case); the last `limit`. */
  list(filter: LogFilter = {}): LogEntry[] {
    const minRank = LOG_LEVELS.indexOf(filter.minLevel ?? 'trace');
    const needle = filter.text?.trim().toLowerCase() ?? '';
    const out: LogEntry[] = [];
    for (let i = 0; i < this.count; i += 1) {
      const entry = this.entries[(this.next - this.count + i + this.capacity) % this.capacity];
      if (entry === undefined || LOG_LEVELS.indexOf(entry.level) < minRank) continue;
      if (needle !== '' && !entry.line.toLowerCase().includes(needle)) continue;
      out.push(entry);
    }
    return filter.limit !== undefined ? out.slice(-filter.limit) : out;
  }
}
