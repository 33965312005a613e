import { z } from 'zod';

// One result of a yt-dlp YouTube search (`ytsearchN:<query>`), as printed by `--dump-json`
// (one object per line) or inside the `entries` of `-J`. With `--flat-playlist` yt-dlp only
// fills what the search page shows (id, url, title, channel, duration, view_count, live_status,
// availability); a full extraction adds webpage_url, width/height, tags, language, etc.
// Every field but `id` is optional, and a field of the wrong type is dropped rather than
// rejecting the whole result: one odd value must not hide an otherwise good candidate.

const text = z.string().nullish().catch(undefined);
const count = z.number().nonnegative().nullish().catch(undefined);
const flag = z.boolean().nullish().catch(undefined);

export const ytDlpSearchEntrySchema = z.looseObject({
  id: z.string().min(1),
  title: text,
  channel: text,
  channel_id: text,
  channel_is_verified: flag,
  uploader: text,
  uploader_id: text,
  duration: count,
  live_status: text,
  was_live: flag,
  is_live: flag,
  webpage_url: text,
  original_url: text,
  url: text,
  view_count: count,
  language: text,
  availability: text,
  width: count,
  height: count,
  tags: z.array(z.string()).nullish().catch(undefined),
  description: text,
});

export type YtDlpSearchEntry = z.infer<typeof ytDlpSearchEntrySchema>;

export interface ParsedSearchOutput {
  entries: YtDlpSearchEntry[];
  /** Results that were not usable (no id, not an object), with why. */
  skipped: { index: number; reason: string }[];
}

/** Reads already-parsed JSON: a `-J` playlist object, an array of entries, or a single entry. */
export function readSearchEntries(value: unknown): ParsedSearchOutput {
  let raw: unknown[];
  if (Array.isArray(value)) raw = value;
  else if (value !== null && typeof value === 'object' && Array.isArray((value as { entries?: unknown }).entries)) {
    raw = (value as { entries: unknown[] }).entries;
  } else raw = [value];

  const entries: YtDlpSearchEntry[] = [];
  const skipped: ParsedSearchOutput['skipped'] = [];
  raw.forEach((item, index) => {
    const parsed = ytDlpSearchEntrySchema.safeParse(item);
    if (parsed.success) entries.push(parsed.data);
    else skipped.push({ index, reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ') });
  });
  return { entries, skipped };
}

/** Parses `--dump-json` output: one JSON object per line; blank lines are ignored. */
export function parseDumpJsonLines(output: string): ParsedSearchOutput {
  const values: unknown[] = [];
  const skipped: ParsedSearchOutput['skipped'] = [];
  output
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .forEach((line, index) => {
      try {
        values.push(JSON.parse(line));
      } catch {
        skipped.push({ index, reason: 'line is not valid JSON' });
        values.push(undefined);
      }
    });
  const parsed = readSearchEntries(values);
  // Lines that were not JSON were already reported; don't report them twice.
  const reported = new Set(skipped.map((s) => s.index));
  return { entries: parsed.entries, skipped: [...skipped, ...parsed.skipped.filter((s) => !reported.has(s.index))] };
}

/** The watch URL of an entry: yt-dlp's own URL when present, else built from the id. */
export function entryUrl(entry: YtDlpSearchEntry): string {
  return entry.webpage_url ?? entry.original_url ?? entry.url ?? `https://www.youtube.com/watch?v=${encodeURIComponent(entry.id)}`;
}
