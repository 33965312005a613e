// Radarr v3 API client: the library as sync and the trailer pipeline need it.
import { ArrClient, requireArrId } from './arr-client.ts';
import type { ArrConnectionConfig, ArrHttpOptions } from './arr-http.ts';
import type { ListReply } from './api-list.ts';
import { radarrMovieFileSchema, radarrMovieSchema, type RadarrMovie, type RadarrMovieFile } from './radarr-api.ts';

// Ids per /moviefile request: keeps the query string far below common URL limits (~8 KB).
const MOVIE_FILE_IDS_PER_REQUEST = 100;

export class RadarrClient extends ArrClient {
  constructor(config: ArrConnectionConfig, options?: ArrHttpOptions) {
    super('Radarr', config, options);
  }

  /** Every movie in the library. Malformed entries are skipped and listed in `skipped`. */
  movies(): Promise<ListReply<RadarrMovie>> {
    return this.http.getList('/movie', radarrMovieSchema);
  }

  /** One movie, or `undefined` when Radarr no longer has it. */
  movie(id: number): Promise<RadarrMovie | undefined> {
    return this.itemById('/movie', id, radarrMovieSchema);
  }

  /** The files of the given movies (Radarr answers 400 without ids, so none means no request). */
  async movieFiles(movieIds: readonly number[]): Promise<ListReply<RadarrMovieFile>> {
    const ids = [...new Set(movieIds.map((id) => requireArrId(id)))];
    const reply: ListReply<RadarrMovieFile> = { items: [], skipped: [] };
    for (let start = 0; start < ids.length; start += MOVIE_FILE_IDS_PER_REQUEST) {
      const query = new URLSearchParams();
      for (const id of ids.slice(start, start + MOVIE_FILE_IDS_PER_REQUEST)) query.append('movieId', String(id));
      const part = await this.http.getList('/moviefile', radarrMovieFileSchema, query);
      reply.items.push(...part.items);
      reply.skipped.push(...part.skipped);
    }
    return reply;
  }
}
