import { pino } from 'pino';

// Database errors carry the values of the failed query (drizzle puts them in `params` and in its
// message, the drivers in `parameters`, PostgreSQL quotes them in its message and `detail`): a
// settings write would log the TMDB key. The log keeps the statement and the reason, never values.
const VALUE_KEYS = new Set(['params', 'parameters', 'args', 'detail', 'where']);
const PARAMS_LINE = /\nparams: [\s\S]*?(?=\n\s+at |$)/;
const QUOTED = /"[^"\n]*"/g;

/** PostgreSQL's own errors (PGlite and postgres.js alike) have a severity and a SQLSTATE code. */
function isDatabaseError(value: object): boolean {
  return 'severity' in value && /^[0-9A-Z]{5}$/.test(String((value as { code?: unknown }).code));
}

function withoutValues(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(PARAMS_LINE, '\nparams: [not logged]');
  if (typeof value !== 'object' || value === null || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => withoutValues(item, depth + 1));
  const quotesValues = isDatabaseError(value);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (VALUE_KEYS.has(key)) return [key, '[not logged]'];
      if (quotesValues && (key === 'message' || key === 'stack') && typeof item === 'string') return [key, item.replace(QUOTED, '"…"')];
      return [key, withoutValues(item, depth + 1)];
    }),
  );
}

/** pino's error serializer (with causes), minus any query values. */
export function serializeError(err: unknown): unknown {
  return withoutValues(pino.stdSerializers.errWithCause(err as Error));
}
