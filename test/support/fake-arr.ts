// Fake Radarr and Sonarr: real HTTP servers on 127.0.0.1 (random port) that answer the v3 API the
// way the apps do (§6 of test/fixtures/arr/REFERENCE.md), built from the shared fixtures.
//
//   const radarr = await startFakeRadarr({ urlBase: '/radarr', movies: generateMovies(10_000) });
//   radarr.url          'http://127.0.0.1:41234/radarr'  (pass as baseUrl)
//   radarr.apiKey       the key it accepts (option `apiKey`, default 'fake-radarr-key')
//   radarr.items        Map id → resource; mutate it directly or via upsert(item) / remove(id) / patch(id, changes)
//   radarr.rootFolders, radarr.status   the /rootfolder and /system/status replies (mutable)
//   radarr.tags                         the /tag reply: [{ id, label }] (mutable, empty at first)
//   radarr.requests     every request seen: { method, path, query, auth, headers, status }
//   radarr.fail({ mode, times?, path? })  fail the next `times` (default: all) matching requests:
//       { mode: 'status', status: 401 | 500 | ... }  that status; 401 has an empty body like the apps,
//                                                     other errors a JSON body that ECHOES the API key
//                                                     received, so tests catch leaks into messages
//       { mode: 'delay', ms }                         answer normally after `ms`
//       { mode: 'garbage' }                           200 application/json with a truncated, invalid body
//       { mode: 'html' }                              200 text/html page (what a wrong URL base looks like)
//       { mode: 'wrong-app' }                         answer as the other app (Radarr says appName "Sonarr")
//       { mode: 'redirect', location }                302 to `location` (a login page behind a proxy)
//       { mode: 'reset' }                             destroy the socket without answering (ECONNRESET)
//     `path` (string prefix or RegExp) is matched against the path below the URL base, e.g. '/api/v3/movie'.
//   radarr.covers      Map '{id}/{file}' → { contentType, body }: /api/v3/mediacover/{id}/{file} (API key like the rest)
//   radarr.clearFailures(); await radarr.close()
//
// Served (GET; other methods 405): {base}/ping (anonymous), {base}/api/v3/system/status, /rootfolder, /tag;
// Radarr: /movie[?tmdbId=], /movie/{id}, /moviefile?movieId=..&movieId=.. | ?movieFileIds=.. (400 without);
// Sonarr: /series[?tvdbId=], /series/{id}. Unknown id → 404. Auth like the apps: `apikey` query
// parameter first, then X-Api-Key, then `Authorization: Bearer`; the first one present decides.
//
//   await postWebhook(url, …)  (arr-webhook-client.ts)
//     POSTs (or PUTs) a body the way Radarr/Sonarr send it: 2-space indented JSON, Content-Type
//     application/json, their User-Agent, Connection: close. Resolves { status, headers, text }.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { arrFixture, type ArrApp, type JsonObject } from './fake-arr-data.ts';

export type FakeFailure =
  | { mode: 'status'; status: number }
  | { mode: 'delay'; ms: number }
  | { mode: 'garbage' }
  | { mode: 'html' }
  | { mode: 'wrong-app' }
  | { mode: 'redirect'; location: string }
  | { mode: 'reset' };

export type FailureRule = FakeFailure & { times?: number; path?: string | RegExp };

export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  auth: 'apikey' | 'x-api-key' | 'bearer' | 'none';
  headers: IncomingHttpHeaders;
  status: number | 'reset';
};

export type FakeArrOptions = {
  apiKey?: string;
  /** e.g. '/radarr'; no trailing slash. */
  urlBase?: string;
  /** Movies (Radarr) or series (Sonarr). Default: the api-movies / api-series-list fixture. */
  items?: JsonObject[];
  rootFolders?: JsonObject[];
  /** Merged over the api-system-status fixture. */
  status?: JsonObject;
};

export class FakeArrServer {
  readonly items = new Map<number, JsonObject>();
  rootFolders: JsonObject[];
  tags: Array<{ id: number; label: string }> = [];
  status: JsonObject;
  readonly requests: RecordedRequest[] = [];
  readonly covers = new Map<string, { contentType: string; body: Buffer }>();
  readonly apiKey: string;
  readonly urlBase: string;
  #rules: { rule: FailureRule; left: number }[] = [];
  #server: Server | undefined;
  #timers = new Set<NodeJS.Timeout>();
  #port = 0;

  constructor(
    readonly app: ArrApp,
    options: FakeArrOptions = {},
  ) {
    this.apiKey = options.apiKey ?? `fake-${app}-key`;
    this.urlBase = (options.urlBase ?? '').replace(/\/+$/, '');
    const items = options.items ?? arrFixture<JsonObject[]>(app, app === 'radarr' ? 'api-movies' : 'api-series-list');
    for (const item of items) this.upsert(item);
    this.rootFolders = options.rootFolders ?? arrFixture<JsonObject[]>(app, 'api-rootfolder');
    this.status = { ...arrFixture(app, 'api-system-status'), ...options.status };
  }

  get port(): number {
    return this.#port;
  }

  /** The base URL a client is configured with, URL base included. */
  get url(): string {
    return `http://127.0.0.1:${this.#port}${this.urlBase}`;
  }

  upsert(item: JsonObject): void {
    if (typeof item['id'] !== 'number') throw new TypeError('fake arr item needs a numeric id');
    this.items.set(item['id'], item);
  }

  remove(id: number): boolean {
    return this.items.delete(id);
  }

  patch(id: number, changes: JsonObject): void {
    const item = this.items.get(id);
    if (item === undefined) throw new RangeError(`fake ${this.app} has no item ${id}`);
    this.items.set(id, { ...item, ...changes });
  }

  fail(rule: FailureRule): void {
    this.#rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clearFailures(): void {
    this.#rules = [];
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => this.#handle(req, res));
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    return this;
  }

  /** Lets the process exit while this server is still open (a fake shared by a whole test file). */
  unref(): this {
    this.#server?.unref();
    return this;
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const server = this.#server;
    if (server === undefined) return;
    this.#server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const inBase = url.pathname === this.urlBase || url.pathname.startsWith(`${this.urlBase}/`);
    const path = inBase ? url.pathname.slice(this.urlBase.length) || '/' : url.pathname;
    const record: RecordedRequest = { method: req.method ?? 'GET', path, query: url.searchParams, auth: 'none', headers: req.headers, status: 0 };
    this.requests.push(record);
    const failure = this.#takeFailure(path);
    if (failure?.mode === 'reset') {
      record.status = 'reset';
      req.socket.destroy();
      return;
    }
    if (failure?.mode === 'delay') {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#answer(req, res, record, inBase, undefined);
      }, failure.ms);
      this.#timers.add(timer);
      return;
    }
    this.#answer(req, res, record, inBase, failure);
  }

  #takeFailure(path: string): FakeFailure | undefined {
    for (const entry of this.#rules) {
      const { rule } = entry;
      const matches = rule.path === undefined || (typeof rule.path === 'string' ? path.startsWith(rule.path) : rule.path.test(path));
      if (matches && entry.left > 0) {
        entry.left -= 1;
        return rule;
      }
    }
    return undefined;
  }

  #answer(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, inBase: boolean, failure: FakeFailure | undefined): void {
    const send = (status: number, body?: unknown, contentType = 'application/json; charset=utf-8'): void => {
      record.status = status;
      const headers: Record<string, string> = { 'X-Application-Version': String(this.status['version']) };
      if (body !== undefined) headers['Content-Type'] = contentType;
      res.writeHead(status, headers);
      res.end(body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
    };
    const { path } = record;
    if (!inBase) return send(404, 'Not Found', 'text/plain');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405);
    if (path === '/ping') return send(200, { status: 'OK' });
    if (!path.startsWith('/api/')) return send(404, 'Not Found', 'text/plain');
    const { auth, key } = presentedKey(req, record.query);
    record.auth = auth;
    if (failure?.mode === 'status') {
      if (failure.status === 401) return send(401);
      return send(failure.status, { message: 'Injected failure', description: `request carried key ${key ?? '(none)'}` });
    }
    if (failure?.mode === 'redirect') {
      record.status = 302;
      res.writeHead(302, { Location: failure.location }).end();
      return;
    }
    if (key !== this.apiKey) return send(401);
    if (failure?.mode === 'garbage') return send(200, '{"id": 42, "title": "Blade Runner 20\u0000');
    if (failure?.mode === 'html') return send(200, '<!doctype html><html><head><title>Radarr</title></head><body></body></html>', 'text/html');
    const cover = /^\/api\/v3\/mediacover\/(\d+\/[^/]+)$/i.exec(path);
    if (cover) {
      const image = this.covers.get(cover[1] ?? '');
      return image ? send(200, image.body, image.contentType) : send(404, 'Not Found', 'text/plain');
    }
    const app = failure?.mode === 'wrong-app' ? (this.app === 'radarr' ? 'sonarr' : 'radarr') : this.app;
    const reply = this.#route(app, path.slice('/api/v3'.length), record.query);
    return send(reply.status, reply.body);
  }

  #route(app: ArrApp, path: string, query: URLSearchParams): { status: number; body?: unknown } {
    if (path === '/system/status') {
      const status = app === this.app ? this.status : arrFixture(app, 'api-system-status');
      return { status: 200, body: status };
    }
    if (path === '/rootfolder') return { status: 200, body: this.rootFolders };
    if (path === '/tag') return { status: 200, body: this.tags };
    const collection = app === 'radarr' ? '/movie' : '/series';
    const filterKey = app === 'radarr' ? 'tmdbId' : 'tvdbId';
    if (path === collection) {
      const filter = query.get(filterKey);
      const all = [...this.items.values()];
      return { status: 200, body: filter === null ? all : all.filter((item) => String(item[filterKey]) === filter) };
    }
    const single = new RegExp(`^${collection}/(\\d+)$`).exec(path);
    if (single) {
      const item = this.items.get(Number(single[1]));
      return item ? { status: 200, body: item } : { status: 404, body: { message: 'NotFound' } };
    }
    if (app === 'radarr' && path === '/moviefile') return this.#movieFiles(query);
    return { status: 404, body: { message: 'NotFound' } };
  }

  #movieFiles(query: URLSearchParams): { status: number; body?: unknown } {
    const movieIds = query.getAll('movieId').map(Number);
    const fileIds = query.getAll('movieFileIds').flatMap((value) => value.split(',')).map(Number);
    if (movieIds.length === 0 && fileIds.length === 0) {
      return { status: 400, body: [{ propertyName: 'movieId', errorMessage: 'movieId or movieFileIds must be provided' }] };
    }
    const files = [...this.items.values()]
      .map((movie) => movie['movieFile'] as JsonObject | undefined)
      .filter((file): file is JsonObject => file !== undefined)
      .filter((file) => movieIds.includes(file['movieId']) || fileIds.includes(file['id']));
    return { status: 200, body: files };
  }
}

// How the apps read the key (ApiKeyAuthenticationHandler): query first, then X-Api-Key, then Bearer.
function presentedKey(req: IncomingMessage, query: URLSearchParams): { auth: RecordedRequest['auth']; key?: string } {
  for (const [name, value] of query) if (name.toLowerCase() === 'apikey') return { auth: 'apikey', key: value };
  const header = req.headers['x-api-key'];
  if (typeof header === 'string') return { auth: 'x-api-key', key: header };
  const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
  if (bearer?.[1]) return { auth: 'bearer', key: bearer[1] };
  return { auth: 'none' };
}

export function startFakeRadarr(options: Omit<FakeArrOptions, 'items'> & { movies?: JsonObject[] } = {}): Promise<FakeArrServer> {
  const { movies, ...rest } = options;
  return new FakeArrServer('radarr', { ...rest, ...(movies ? { items: movies } : {}) }).start();
}

export function startFakeSonarr(options: Omit<FakeArrOptions, 'items'> & { series?: JsonObject[] } = {}): Promise<FakeArrServer> {
  const { series, ...rest } = options;
  return new FakeArrServer('sonarr', { ...rest, ...(series ? { items: series } : {}) }).start();
}
