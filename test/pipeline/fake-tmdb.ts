/**
 * A local stand-in for TMDB's `/movie/{id}/videos`, `/tv/{id}/videos` and
 * `/tv/{id}/season/{n}/videos` (the videos set per id or season) and `/movie/{id}`, `/tv/{id}`
 * (the details set per id): 401 for any key but the expected one, and records each request (path
 * and query). Like TMDB, `include_video_language=en,null` keeps only videos in those languages
 * (`null`: videos without one).
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeTmdbVideo {
  key: string;
  name: string;
  site?: string;
  type: string;
  official: boolean;
  iso_639_1?: string | null;
  size?: number;
}

export interface FakeTmdb {
  baseUrl: string;
  setVideos(kind: 'movie' | 'tv', id: number, videos: FakeTmdbVideo[]): void;
  /** What `/tv/{id}/season/{season}/videos` answers. */
  setSeasonVideos(id: number, season: number, videos: FakeTmdbVideo[]): void;
  /** What `/movie/{id}` or `/tv/{id}` answers (original_language, release_date, status, …). */
  setDetails(kind: 'movie' | 'tv', id: number, details: Record<string, unknown>): void;
  requests: Array<{ path: string; query: Record<string, string> }>;
  close(): Promise<void>;
}

export async function startFakeTmdb(apiKey: string): Promise<FakeTmdb> {
  const videos = new Map<string, FakeTmdbVideo[]>();
  const details = new Map<string, Record<string, unknown>>();
  const requests: FakeTmdb['requests'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    if (url.searchParams.get('api_key') !== apiKey) return json(401, { status_code: 7, status_message: 'Invalid API key' });
    const item = /^\/3\/(movie|tv)\/(\d+)$/.exec(url.pathname);
    if (item) {
      const found = details.get(`${item[1]}/${item[2]}`);
      return found === undefined ? json(404, { status_code: 34, status_message: 'not found' }) : json(200, { id: Number(item[2]), ...found });
    }
    const match = /^\/3\/(movie|tv)\/(\d+)(\/season\/\d+)?\/videos$/.exec(url.pathname);
    const list = match ? videos.get(`${match[1]}/${match[2]}${match[3] ?? ''}`) : undefined;
    if (list === undefined) return json(404, { status_code: 34, status_message: 'not found' });
    const wantedLanguages = url.searchParams.get('include_video_language')?.split(',');
    const inLanguage = (v: FakeTmdbVideo): boolean => wantedLanguages === undefined || wantedLanguages.includes(v.iso_639_1 ?? 'null');
    json(200, {
      id: Number(match?.[2]),
      results: list
        .filter(inLanguage)
        .map((v, i) => ({ id: `v${i}`, site: 'YouTube', iso_3166_1: 'US', size: 1080, published_at: '2021-07-22T00:00:00.000Z', ...v })),
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/3`,
    setVideos: (kind, id, list) => void videos.set(`${kind}/${id}`, list),
    setSeasonVideos: (id, season, list) => void videos.set(`tv/${id}/season/${season}`, list),
    setDetails: (kind, id, body) => void details.set(`${kind}/${id}`, body),
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
