// TMDB's list of a movie's, series' or season's videos (`/movie/{id}/videos`, `/tv/{id}/videos`,
// `/tv/{id}/season/{n}/videos`), read with axios and checked with zod. Errors name the item and the HTTP status but never carry the
// key: axios errors are not rethrown, because their config holds it.
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { MAX_SEASON } from '../domain/wanted-video.ts';

export interface TmdbVideo {
  /** The YouTube id when `site` is YouTube. */
  key: string;
  name: string;
  site: string;
  type: string;
  official: boolean;
  /** ISO 639-1, e.g. `en`. */
  language?: string | undefined;
  country?: string | undefined;
  /** Vertical resolution TMDB lists (360, 480, 720, 1080, 2160). */
  size?: number | undefined;
  publishedAt?: string | undefined;
}

/** What TMDB says about an item's language and release (`/movie/{id}`, `/tv/{id}`). */
export interface TmdbDetails {
  originalLanguage?: string | undefined;
  /** `YYYY-MM-DD`: `release_date` of a movie, `first_air_date` of a series. */
  releaseDate?: string | undefined;
  /** "Rumored" | "Planned" | "In Production" | "Post Production" | "Released" | "Returning Series" | … */
  status?: string | undefined;
}

/** Which videos to list: one season's (series only), and only some TMDB types (`Featurette`, …). */
export interface TmdbVideoFilter {
  season?: number | undefined;
  /** TMDB `type` values to keep; absent: every type (the UI lists the others as excluded). */
  types?: readonly string[] | undefined;
}

export interface TmdbClient {
  /** Videos in the preferred languages or without one (TMDB's `include_video_language`). */
  videos(
    kind: 'movie' | 'series',
    tmdbId: number,
    languages: readonly string[],
    signal?: AbortSignal,
    filter?: TmdbVideoFilter,
  ): Promise<TmdbVideo[]>;
  details(kind: 'movie' | 'series', tmdbId: number, signal?: AbortSignal): Promise<TmdbDetails | undefined>;
}

export interface TmdbClientConfig {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

export class TmdbError extends Error {
  override readonly name = 'TmdbError';
  constructor(
    message: string,
    readonly status: number | undefined,
    /** A 401/403 will not get better by retrying: the key is wrong. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

const text = z.string().nullish().catch(undefined).transform((value) => value ?? undefined);
const videoSchema = z.object({
  key: z.string().min(1),
  name: z.string().catch(''),
  site: z.string().catch(''),
  type: z.string().catch(''),
  official: z.boolean().catch(false),
  iso_639_1: text,
  iso_3166_1: text,
  size: z.number().int().positive().nullish().catch(undefined).transform((value) => value ?? undefined),
  published_at: text,
});
const replySchema = z.object({ results: z.array(z.unknown()).catch([]) });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullish().catch(undefined).transform((value) => value ?? undefined);
const detailsSchema = z.object({
  original_language: z.string().regex(/^[a-z]{2,3}$/).nullish().catch(undefined).transform((value) => value ?? undefined),
  release_date: day,
  first_air_date: day,
  status: z.string().max(40).nullish().catch(undefined).transform((value) => value ?? undefined),
});

/** A v4 "API Read Access Token" is a JWT sent as a bearer token; a v3 key is a query parameter. */
function isReadAccessToken(key: string): boolean {
  return key.split('.').length === 3 && key.length > 60;
}

export function createTmdbClient(config: TmdbClientConfig): TmdbClient {
  const http: AxiosInstance = axios.create({
    baseURL: config.baseUrl.replace(/\/+$/, ''),
    timeout: config.timeoutMs ?? 15_000,
    // Statuses are judged below, not thrown by axios.
    validateStatus: () => true,
    headers: { Accept: 'application/json' },
  });
  const bearer = isReadAccessToken(config.apiKey);

  /** One GET; the parsed JSON, or undefined for a 404 (TMDB does not know the id). */
  const get = async (what: string, params: Record<string, string>, signal?: AbortSignal): Promise<unknown> => {
    if (!bearer) params['api_key'] = config.apiKey;
    let status: number;
    let data: unknown;
    try {
      const reply = await http.get(`/${what}`, {
        params,
        signal,
        headers: bearer ? { Authorization: `Bearer ${config.apiKey}` } : {},
      });
      status = reply.status;
      data = reply.data;
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'network error';
      throw new TmdbError(`TMDB ${what} could not be reached (${code})`, undefined, false);
    }
    if (status === 404) return undefined;
    if (status === 401 || status === 403) throw new TmdbError(`TMDB rejected the API key (HTTP ${status})`, status, true);
    if (status < 200 || status >= 300) throw new TmdbError(`TMDB ${what} answered HTTP ${status}`, status, status < 500 && status !== 429);
    return data;
  };

  const itemPath = (kind: 'movie' | 'series', tmdbId: number): string => {
    if (!Number.isInteger(tmdbId) || tmdbId <= 0) throw new TmdbError(`invalid TMDB id ${tmdbId}`, undefined, true);
    return `${kind === 'movie' ? 'movie' : 'tv'}/${tmdbId}`;
  };

  const videosPath = (kind: 'movie' | 'series', tmdbId: number, season: number | undefined): string => {
    if (season === undefined) return `${itemPath(kind, tmdbId)}/videos`;
    if (kind !== 'series' || !Number.isInteger(season) || season < 0 || season > MAX_SEASON) {
      throw new TmdbError(`invalid season ${season} for TMDB ${kind} ${tmdbId}`, undefined, true);
    }
    return `${itemPath(kind, tmdbId)}/season/${season}/videos`;
  };

  const videos = async (
    kind: 'movie' | 'series',
    tmdbId: number,
    languages: readonly string[],
    signal?: AbortSignal,
    filter: TmdbVideoFilter = {},
  ): Promise<TmdbVideo[]> => {
    const what = videosPath(kind, tmdbId, filter.season);
    // `null` asks for videos without a language too (many official trailers have none set).
    const data = await get(what, { include_video_language: [...languages.map((l) => l.split('-')[0]), 'null'].join(',') }, signal);
    if (data === undefined) return [];
    const reply = replySchema.safeParse(data);
    if (!reply.success) throw new TmdbError(`TMDB ${what} sent a reply that is not a video list`, undefined, false);
    const types = filter.types !== undefined ? new Set(filter.types) : undefined;
    return reply.data.results.flatMap((raw) => {
      const parsed = videoSchema.safeParse(raw);
      if (!parsed.success || (types !== undefined && !types.has(parsed.data.type))) return [];
      const v = parsed.data;
      return [{ key: v.key, name: v.name, site: v.site, type: v.type, official: v.official, language: v.iso_639_1, country: v.iso_3166_1, size: v.size, publishedAt: v.published_at }];
    });
  };

  const details = async (kind: 'movie' | 'series', tmdbId: number, signal?: AbortSignal): Promise<TmdbDetails | undefined> => {
    const data = await get(itemPath(kind, tmdbId), {}, signal);
    if (data === undefined) return undefined;
    const parsed = detailsSchema.safeParse(data);
    if (!parsed.success) throw new TmdbError(`TMDB ${itemPath(kind, tmdbId)} sent a reply that is not an item`, undefined, false);
    const d = parsed.data;
    return { originalLanguage: d.original_language, releaseDate: d.release_date ?? d.first_air_date, status: d.status };
  };

  return { videos, details };
}
