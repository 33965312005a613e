import { z } from 'zod';
import { trailerStatuses } from '../db/schema/media.ts';
import { webhookEventStates } from '../db/schema/events.ts';
import { EXTRA_KINDS } from '../domain/extra-kinds.ts';

// Request shapes shared by the pages and the JSON API, so both accept and refuse the same input.

const page = z.coerce.number({ error: 'must be a page number' }).int('must be a whole number').min(1, 'must be 1 or more').max(1_000_000).default(1);
const pageSize = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more').max(200, 'must be at most 200').default(50);
const flag = z
  .enum(['true', 'false', '1', '0', 'on', ''], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'on');

export const idParamSchema = z.coerce
  .number({ error: 'must be a positive whole number' })
  .int('must be a whole number')
  .positive('must be a positive id')
  .max(Number.MAX_SAFE_INTEGER);

/** Library orders: title, year, when Previewarr first saw it, trailer status, trailer file size. */
export const MEDIA_SORTS = ['title', 'year', 'added', 'status', 'size'] as const;
export type MediaSort = (typeof MEDIA_SORTS)[number];

export const mediaListQuerySchema = z.object({
  kind: z.enum(['all', 'movie', 'series'], { error: 'must be all, movie or series' }).default('all'),
  status: z.enum(['all', ...trailerStatuses], { error: `must be all or one of ${trailerStatuses.join(', ')}` }).default('all'),
  q: z.string().max(200, 'at most 200 characters').optional(),
  page,
  pageSize,
  removed: flag.default(false),
  sort: z.enum(MEDIA_SORTS, { error: `must be one of ${MEDIA_SORTS.join(', ')}` }).default('title'),
  dir: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).default('asc'),
  /** Items missing a file of this kind (issue #19). */
  missing: z.enum(['all', ...EXTRA_KINDS], { error: `must be all or one of ${EXTRA_KINDS.join(', ')}` }).default('all'),
});
export type MediaListQuery = z.infer<typeof mediaListQuerySchema>;

/** The library page's layout (the page only; the JSON list has no layout): a table or a poster grid. */
export const LIBRARY_VIEWS = ['table', 'grid'] as const;
export type LibraryView = (typeof LIBRARY_VIEWS)[number];
export const libraryViewSchema = z.object({
  view: z.enum(LIBRARY_VIEWS, { error: `must be ${LIBRARY_VIEWS.join(' or ')}` }).default('table'),
});
/** What the library page was asked for: the list's filters and order, and its layout. */
export type LibraryQuery = MediaListQuery & { view: LibraryView };

export const videoIdSchema = z
  .string({ error: 'must be a video id' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'at most 200 characters');

export const fetchBodySchema = z.strictObject({ force: z.boolean({ error: 'must be true or false' }).default(false) });
export const chooseBodySchema = z.strictObject({ videoId: videoIdSchema });
export const blocklistBodySchema = z.strictObject({
  videoId: videoIdSchema,
  reason: z.string().trim().max(500, 'at most 500 characters').optional(),
});

export const sourceUrlSchema = z
  .string({ error: 'must be a URL' })
  .trim()
  .max(2048, 'at most 2048 characters')
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// link to a video');

/** `url: null` clears the pasted link; otherwise it is stored and fetched at once. */
export const sourceUrlBodySchema = z.strictObject({ url: sourceUrlSchema.nullable() });

export const eventsQuerySchema = z.object({
  state: z.enum(['all', ...webhookEventStates], { error: `must be all or one of ${webhookEventStates.join(', ')}` }).default('all'),
  source: z.enum(['all', 'radarr', 'sonarr'], { error: 'must be all, radarr or sonarr' }).default('all'),
  q: z.string().max(200, 'at most 200 characters').optional(),
  page,
  pageSize,
});
export type EventsQuery = z.infer<typeof eventsQuerySchema>;

/** Which page to show of `total` rows: the one asked for, or the last one when it asked too far. */
export function pageWindow(total: number, page: number, pageSize: number): { page: number; pages: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const shown = Math.min(page, pages);
  return { page: shown, pages, offset: (shown - 1) * pageSize };
}

/** An ILIKE pattern for "contains": `%` and `_` typed by a person are literal characters. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Zod issues as `{ path, message }`, the shape of every 400 reply and of the field errors on pages. */
export function issuesOf(error: Pick<z.core.$ZodError, 'issues'>): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** First message per top-level field, for showing beside form fields. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_form';
    errors[key] ??= issue.message;
  }
  return errors;
}
