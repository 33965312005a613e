// Pure: the JSON yt-dlp prints for `ytsearchN:query --flat-playlist -J`, read tolerantly. Fields
// come and go between yt-dlp versions and extractors, so one odd entry is skipped, not fatal.
import { z } from 'zod';
import { optionalNumber, optionalText } from './tolerant-fields.ts';

export interface SearchResult {
  id: string;
  url: string;
  title: string;
  durationSeconds?: number;
  channel?: string;
  viewCount?: number;
}

const entrySchema = z.object({
  id: z.string().min(1),
  title: optionalText,
  url: optionalText,
  webpage_url: optionalText,
  duration: optionalNumber,
  channel: optionalText,
  uploader: optionalText,
  view_count: optionalNumber,
  ie_key: optionalText,
});

const playlistSchema = z.object({ entries: z.array(z.unknown()).nullish() });

function urlFor(entry: z.infer<typeof entrySchema>): string | undefined {
  const candidate = entry.webpage_url ?? entry.url;
  if (candidate !== undefined && /^https?:\/\//i.test(candidate)) return candidate;
  // Flat YouTube entries sometimes carry only the id.
  if (entry.ie_key === undefined || entry.ie_key === 'Youtube') {
    return `https://www.youtube.com/watch?v=${encodeURIComponent(entry.id)}`;
  }
  return undefined;
}

/** Throws when the output is not a playlist at all; skips entries that lack an id or a usable URL. */
export function parseSearchOutput(stdout: string): SearchResult[] {
  const playlist = playlistSchema.parse(JSON.parse(stdout));
  const results: SearchResult[] = [];
  for (const raw of playlist.entries ?? []) {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) continue;
    const entry = parsed.data;
    const url = urlFor(entry);
    if (url === undefined) continue;
    const channel = entry.channel ?? entry.uploader;
    results.push({
      id: entry.id,
      url,
      title: entry.title ?? '',
      ...(entry.duration !== undefined ? { durationSeconds: entry.duration } : {}),
      ...(channel !== undefined ? { channel } : {}),
      ...(entry.view_count !== undefined ? { viewCount: entry.view_count } : {}),
    });
  }
  return results;
}
