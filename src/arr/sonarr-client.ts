// Sonarr v3 API client: the series list as sync needs it.
import { ArrClient } from './arr-client.ts';
import type { ArrConnectionConfig, ArrHttpOptions } from './arr-http.ts';
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
    return this.itemById('/series', id, sonarrSeriesSchema);
  }
}
