// Validating v3 API replies item by item. A library of 10,000 movies must not become unusable
// because one entry is odd, so each item is checked on its own; bad ones are skipped and reported.
import type { z } from 'zod';
import { issuesFromZod, type ParseIssue } from './tolerant-json.ts';

export type SkippedItem = {
  /** Position in the reply array. */
  index: number;
  /** The item's id and title when they could be read, to name it in a report. */
  id?: number;
  title?: string;
  issues: ParseIssue[];
};

export type ListReply<T> = { items: T[]; skipped: SkippedItem[] };

export type ItemReply<T> = { ok: true; item: T } | { ok: false; issues: ParseIssue[] };

/** `body` is expected without nulls (see parseJsonWithoutNulls), as ArrHttp delivers it. */
export function parseApiItem<S extends z.ZodType>(body: unknown, schema: S): ItemReply<z.output<S>> {
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, item: parsed.data } : { ok: false, issues: issuesFromZod(parsed.error) };
}

/** `undefined` when the reply is not an array at all (a wrong endpoint, an HTML page, an error object). */
export function parseApiList<S extends z.ZodType>(body: unknown, schema: S): ListReply<z.output<S>> | undefined {
  if (!Array.isArray(body)) return undefined;
  const items: z.output<S>[] = [];
  const skipped: SkippedItem[] = [];
  body.forEach((raw: unknown, index) => {
    const parsed = parseApiItem(raw, schema);
    if (parsed.ok) items.push(parsed.item);
    else skipped.push({ index, ...identify(raw), issues: parsed.issues });
  });
  return { items, skipped };
}

function identify(raw: unknown): { id?: number; title?: string } {
  if (typeof raw !== 'object' || raw === null) return {};
  const { id, title } = raw as { id?: unknown; title?: unknown };
  return {
    ...(typeof id === 'number' ? { id } : {}),
    ...(typeof title === 'string' ? { title } : {}),
  };
}
