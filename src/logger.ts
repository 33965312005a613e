import { pino, type DestinationStream, type Logger } from 'pino';
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

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'previewarr' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    destination,
  );
}

const SECRET_QUERY = /([?&](?:apikey|api_key|token|access_token|password)=)[^&#]*/gi;

/** A URL with the values of secret-looking query parameters replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

export type { Logger };
