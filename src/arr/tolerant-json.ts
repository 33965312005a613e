// Reading JSON from Radarr/Sonarr leniently: nulls mean "absent", fields we do not act on may be
// malformed without failing the whole value, and validation problems become {path, message} pairs.
import { z } from 'zod';

export type ParseIssue = { path: string; message: string };

/**
 * A copy of a parsed JSON value with every `null` removed: object keys holding null are dropped and
 * null array elements are skipped. The *arr apps never write nulls (Newtonsoft NullValueHandling.Ignore),
 * so a null from some relay or hand-written sender means "absent".
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const element of value) if (element !== null) out.push(withoutNulls(element));
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (field !== null) out[key] = withoutNulls(field);
    }
    return out;
  }
  return value;
}

/**
 * JSON.parse, then {@link withoutNulls} only when the text has a null at all: the apps never write
 * nulls, and copying a 10,000-movie reply just to find none would cost more than validating it.
 * Throws SyntaxError like JSON.parse.
 */
export function parseJsonWithoutNulls(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return text.includes('null') ? withoutNulls(value) : value;
}

/** Identifiers the *arr apps write as 0 when unknown (tmdbId 0 on a Test, year 0 for a TBA title). */
export const arrId = z.int().nonnegative();

/** An id the *arr writes as 0 (or omits) for "none"; read as undefined. */
export const idOrNone = arrId.optional().transform((value) => (value ? value : undefined));

/** A text the *arr writes as "" (or omits) for "none", e.g. youTubeTrailerId; read as undefined. */
export const textOrNone = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined));

/** An optional field we do not act on: a wrong type turns it into `undefined` instead of an issue. */
export function soft<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/** An array of objects we do not act on: bad elements are dropped one by one, a non-array becomes []. */
export function softList<T extends z.ZodType>(schema: T) {
  return z
    .array(z.unknown())
    .catch([])
    .transform((items) => {
      const kept: z.output<T>[] = [];
      for (const item of items) {
        const parsed = schema.safeParse(item);
        if (parsed.success) kept.push(parsed.data);
      }
      return kept;
    });
}

export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(body)';
  return path.map((segment) => String(segment)).join('.');
}

export function issuesFromZod(error: z.ZodError): ParseIssue[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: readableMessage(issue.message) }));
}

// zod reports a missing key as a type mismatch against `undefined`; say "missing" instead.
function readableMessage(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  return missing ? `missing (expected ${missing[1]})` : message;
}

