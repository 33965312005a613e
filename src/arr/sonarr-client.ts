// Sonarr v3 API client: the series list as sync needs it.
import { ArrClient, requireArrId } from './arr-client.ts';
import { undefinedWhenNotFound, type ArrConnectionConfig, type ArrHttpOptions } from './arr-http.ts';
import type { ListReply } from './api-list.ts';
import { sonarrSeriesSchema, type SonarrSeries } from './sonarr-api.ts';

export class SonarrClient extends ArrClient {
  constructor(config: ArrConnectionConfig, options?: ArrHttpOptions) {
    super('Sonarr', config, options);
  }

  /** Every series in the library. Malformed entries are skipped and listed in `skipped`. */
  series(): Promise<ListReply<SonarrSeries>> {
    return this.http.getList('/series', sonarrSeriesSchema);
  }

  /** One series, or `undefined` when Sonarr no longer has it. */
  seriesById(id: number): Promise<SonarrSeries | undefined> {
    return undefinedWhenNotFound(this.http.getItem(`/series/${requireArrId('series id', id)}`, sonarrSeriesSchema));
  }
}
