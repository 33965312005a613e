import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { LogRing } from './logs/log-ring.ts';
import { serializeError } from './log-errors.ts';

// Secrets must never reach a log line: every key name below is censored wherever it appears
// in a logged object, and URLs are logged through redactUrl().
const SECRET_KEYS = [
  'apiKey',
  'api_key',
  'apikey',
  'password',
  'passwordHash',
  'token',
  'csrfToken',
  'tmdbApiKey',
  'cookie',
  'cookies',
  'authorization',
  'x-api-key',
  'set-cookie',
];

const redactPaths = SECRET_KEYS.flatMap((key) => [`["${key}"]`, `*["${key}"]`, `*.*["${key}"]`]);

export type LoggerOptions = {
  /** `pretty`: coloured, one readable line per entry, for people running from a terminal. */
  format?: 'json' | 'pretty';
};

/** Each root logger's recent lines (the Logs page); child loggers write into their root's ring. */
const rings = new WeakMap<Logger, LogRing>();

export function createLogger(level: string, destination?: DestinationStream, options: LoggerOptions = {}): Logger {
  const out = destination ?? (options.format === 'pretty' ? pretty({ colorize: process.stdout.isTTY, ignore: 'pid,hostname,app', translateTime: 'SYS:standard' }) : pino.destination(1));
  const ring = new LogRing();
  const logger = pino(
    {
      level,
      base: { app: 'previewarr' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    level === 'silent' ? out : pino.multistream([{ stream: out, level: level as pino.Level }, { stream: ring, level: level as pino.Level }]),
  );
  rings.set(logger, ring);
  return logger;
}

/** The recent lines of a logger made by createLogger (an empty ring for any other). */
export function logRingOf(logger: Logger): LogRing {
  let ring = rings.get(logger);
  if (ring === undefined) {
    ring = new LogRing();
    rings.set(logger, ring);
  }
  return ring;
}

const SECRET_QUERY = /([?&](?:apikey|api_key|token|access_token|password)=)[^&#]*/gi;

/** A URL with the values of secret-looking query parameters replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

export type { Logger };
