// The poster behind `GET /posters/{mediaId}`: from the cache, else from the item's own Arr
// connection (the stored `/MediaCover/{arrId}/poster.jpg` path, checked against the row's Arr id,
// is the only thing ever fetched: no URL from a request reaches here). A failed fetch is not
// repeated for a few minutes, so a grid full of posters an Arr cannot serve does not hammer it.
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { fetchPosterFrom } from '../connections/arr-clients.ts';
import type { Db } from '../db/client.ts';
import { connections, media } from '../db/schema/index.ts';
import { posterPathArrId, type PosterImage } from '../domain/poster-image.ts';
import { posterVersion, type CachedPoster, type PosterCache } from './poster-cache.ts';

export type PosterAnswer =
  | { kind: 'image'; poster: CachedPoster }
  /** No such item, or the Arr named no usable poster for it. */
  | { kind: 'none' }
  /** The Arr did not give a usable image just now. */
  | { kind: 'unavailable' };

export type PosterProxyOptions = {
  /** Largest poster accepted from an Arr. */
  maxBytes: number;
  timeoutMs: number;
  /** How long a failed fetch is not tried again. */
  retryAfterMs: number;
};

export const DEFAULT_POSTER_PROXY_OPTIONS: PosterProxyOptions = { maxBytes: 5 * 1024 * 1024, timeoutMs: 10_000, retryAfterMs: 5 * 60_000 };
const MAX_REMEMBERED_FAILURES = 10_000;

export class PosterProxy {
  readonly #inFlight = new Map<string, Promise<PosterAnswer>>();
  readonly #failedUntil = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly cache: PosterCache,
    private readonly logger: Logger | undefined,
    private readonly options: PosterProxyOptions = DEFAULT_POSTER_PROXY_OPTIONS,
  ) {}

  async poster(mediaId: number): Promise<PosterAnswer> {
    const [row] = await this.db
      .select({
        posterPath: media.posterPath,
        arrId: media.arrId,
        connection: { name: connections.name, kind: connections.kind, baseUrl: connections.baseUrl, apiKey: connections.apiKey },
      })
      .from(media)
      .innerJoin(connections, eq(connections.id, media.connectionId))
      .where(eq(media.id, mediaId));
    if (!row?.posterPath || posterPathArrId(row.posterPath) !== row.arrId) return { kind: 'none' };
    const version = posterVersion(row.posterPath);
    const cached = await this.cache.read(mediaId, version);
    if (cached) return { kind: 'image', poster: cached };
    const key = `${mediaId}-${version}`;
    if ((this.#failedUntil.get(key) ?? 0) > Date.now()) return { kind: 'unavailable' };
    // Two cards asking at once share one request to the Arr.
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#fetch(mediaId, version, row.arrId, row.connection).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    return pending;
  }

  async #fetch(mediaId: number, version: string, arrId: number, connection: Parameters<typeof fetchPosterFrom>[0]): Promise<PosterAnswer> {
    const reply = await fetchPosterFrom(connection, arrId, this.options);
    if (!reply.ok) {
      this.#rememberFailure(`${mediaId}-${version}`);
      this.logger?.info({ mediaId, connection: connection.name }, `poster not fetched: ${reply.why}`);
      return { kind: 'unavailable' };
    }
    await this.#store(mediaId, version, reply.image);
    return { kind: 'image', poster: { ...reply.image, etag: version } };
  }

  // A full disk or a read-only folder costs the cache, never the answer.
  async #store(mediaId: number, version: string, image: PosterImage): Promise<void> {
    try {
      await this.cache.write(mediaId, version, image);
    } catch (error) {
      this.logger?.warn({ mediaId, err: error }, 'poster not cached');
    }
  }

  #rememberFailure(key: string): void {
    if (this.#failedUntil.size >= MAX_REMEMBERED_FAILURES) this.#failedUntil.clear();
    this.#failedUntil.set(key, Date.now() + this.options.retryAfterMs);
  }
}
