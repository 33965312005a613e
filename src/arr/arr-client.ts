// What a Radarr and a Sonarr connection have in common: the HTTP edge, /system/status, /rootfolder,
// and the two ways their library endpoints are read (whole list, one item by id).
import type { z } from 'zod';
import { ArrHttp, undefinedWhenNotFound, type ArrConnectionConfig, type ArrHttpOptions } from './arr-http.ts';
import type { ListReply } from './api-list.ts';
import { rootFolderSchema, systemStatusSchema, tagSchema, type ArrRootFolder, type ArrSystemStatus, type ArrTag } from './system-api.ts';

export abstract class ArrClient {
  protected readonly http: ArrHttp;

  protected constructor(app: 'Radarr' | 'Sonarr', config: ArrConnectionConfig, options?: ArrHttpOptions) {
    this.http = new ArrHttp(app, config, options);
  }

  /** The connection's name, as configured. */
  get name(): string {
    return this.http.name;
  }

  /** `{baseUrl}/api/v3`, without credentials. */
  get apiRoot(): string {
    return this.http.apiRoot;
  }

  systemStatus(): Promise<ArrSystemStatus> {
    return this.http.getItem('/system/status', systemStatusSchema);
  }

  rootFolders(): Promise<ListReply<ArrRootFolder>> {
    return this.http.getList('/rootfolder', rootFolderSchema);
  }

  /** The app's tags (id → label). */
  tags(): Promise<ListReply<ArrTag>> {
    return this.http.getList('/tag', tagSchema);
  }

  /** Tag id → label. An app without /tag (404) has no tags; any other failure is thrown. */
  async tagLabels(): Promise<Map<number, string>> {
    const reply = await undefinedWhenNotFound(this.tags());
    return new Map((reply?.items ?? []).map((tag) => [tag.id, tag.label]));
  }

  /** `{collection}/{id}`, or `undefined` when the app answers 404 (the item was deleted). */
  protected async itemById<S extends z.ZodType>(collection: string, id: number, schema: S): Promise<z.output<S> | undefined> {
    return undefinedWhenNotFound(this.http.getItem(`${collection}/${requireArrId(id)}`, schema));
  }
}

export function requireArrId(id: number): number {
  if (!Number.isInteger(id) || id <= 0) throw new RangeError(`an id must be a positive integer, got ${String(id)}`);
  return id;
}
