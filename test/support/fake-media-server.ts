// Fake Plex, Jellyfin and Emby: real HTTP servers on 127.0.0.1 answering the calls Previewarr
// makes the way the servers do, and recording every request.
//   const plex = await startFakePlex({ sections: [{ key: '1', type: 'movie', path: '/data/movies' }] });
//   plex.url, plex.token, plex.requests, plex.refreshes() → [{ section, path }]
//   plex.withTrailer('/data/movies/Alien (1979)')  lists that folder's movie with a trailer extra
//   const jf = await startFakeJellyfin(); jf.updates() → [{ Path, UpdateType }]  (emby: startFakeEmby, under /emby)
//   server.fail({ mode: 'status', status: 500 }) / { mode: 'hang' } / { mode: 'reset' }; server.clearFailures()
import { RecordingServer, type Recorded, type Reply } from './recording-server.ts';

export type PlexSection = { key: string; type: 'movie' | 'show'; path: string; title?: string };

export class FakePlex {
  readonly token: string;
  readonly server: RecordingServer;
  readonly trailerFolders = new Set<string>();

  constructor(readonly sections: PlexSection[], token = 'plex-token-0123456789') {
    this.token = token;
    this.server = new RecordingServer((request) => this.#answer(request));
  }

  get url(): string {
    return this.server.url;
  }
  get requests(): Recorded[] {
    return this.server.requests;
  }

  withTrailer(folder: string): void {
    this.trailerFolders.add(folder);
  }

  /** The partial scans asked for. */
  refreshes(): Array<{ section: string; path: string | null }> {
    return this.requests
      .filter((r) => /^\/library\/sections\/[^/]+\/refresh$/.test(r.path) && r.status === 200)
      .map((r) => ({ section: r.path.split('/')[3]!, path: r.query.get('path') }));
  }

  #answer(request: Omit<Recorded, 'status'>): Reply {
    const token = request.headers['x-plex-token'] ?? request.query.get('X-Plex-Token');
    if (token !== this.token) return { status: 401, text: '<html><head><title>Unauthorized</title></head></html>' };
    const { path } = request;
    if (path === '/') return { status: 200, json: { MediaContainer: { friendlyName: 'Fake Plex', version: '1.41.3.9314' } } };
    if (path === '/library/sections') {
      return {
        status: 200,
        json: { MediaContainer: { size: this.sections.length, Directory: this.sections.map((s) => ({ key: s.key, type: s.type, title: s.title ?? s.type, Location: [{ id: Number(s.key), path: s.path }] })) } },
      };
    }
    const refresh = /^\/library\/sections\/([^/]+)\/refresh$/.exec(path);
    if (refresh) return this.sections.some((s) => s.key === refresh[1]) ? { status: 200, text: '' } : { status: 404, text: '' };
    const all = /^\/library\/sections\/([^/]+)\/all$/.exec(path);
    if (all) {
      const folders = [...this.trailerFolders].filter((folder) => this.sections.find((s) => s.key === all[1] && folder.startsWith(`${s.path}/`)));
      const metadata = folders.map((folder, i) => ({ ratingKey: String(100 + i), title: folder.split('/').pop(), Media: [{ Part: [{ file: `${folder}/movie.mkv` }] }], Location: [{ path: folder }] }));
      return { status: 200, json: { MediaContainer: { size: metadata.length, Metadata: metadata } } };
    }
    if (/^\/library\/metadata\/\d+\/extras$/.test(path)) {
      return { status: 200, json: { MediaContainer: { size: 1, Metadata: [{ ratingKey: '900', type: 'clip', subtype: 'trailer', extraType: 1, title: 'Trailer' }] } } };
    }
    return { status: 404, text: '' };
  }
}

export class FakeJellyfin {
  readonly token: string;
  readonly server: RecordingServer;
  /** Items /Items lists: Path (server path) and trailer counts. */
  readonly items: Array<{ Name: string; Path: string; LocalTrailerCount?: number; RemoteTrailers?: unknown[] }> = [];

  constructor(
    readonly flavour: 'jellyfin' | 'emby',
    token = `${flavour}-key-0123456789abcdef`,
  ) {
    this.token = token;
    this.server = new RecordingServer((request) => this.#answer(request));
  }

  get url(): string {
    return this.server.url;
  }
  get requests(): Recorded[] {
    return this.server.requests;
  }

  /** Every path update received, in order. */
  updates(): Array<{ Path: string; UpdateType: string }> {
    return this.requests
      .filter((r) => r.path.endsWith('/Library/Media/Updated') && r.status === 204)
      .flatMap((r) => (JSON.parse(r.body) as { Updates: Array<{ Path: string; UpdateType: string }> }).Updates);
  }

  #presentedToken(request: Omit<Recorded, 'status'>): string | undefined {
    const header = request.headers['x-emby-token'];
    if (typeof header === 'string') return header;
    const auth = request.headers['authorization'];
    const match = typeof auth === 'string' ? /Token="([^"]*)"/.exec(auth) : null;
    return match?.[1];
  }

  #answer(request: Omit<Recorded, 'status'>): Reply {
    const prefix = this.flavour === 'emby' ? '/emby' : '';
    if (!request.path.startsWith(prefix)) return { status: 404, text: '' };
    const path = request.path.slice(prefix.length);
    if (this.#presentedToken(request) !== this.token) return { status: 401, text: '' };
    if (path === '/System/Info') return { status: 200, json: { ServerName: `Fake ${this.flavour}`, Version: this.flavour === 'emby' ? '4.8.10.0' : '10.10.3', Id: 'abc' } };
    if (path === '/Library/Media/Updated' && request.method === 'POST') return { status: 204, text: '' };
    if (path === '/Items') {
      const term = (request.query.get('SearchTerm') ?? '').toLowerCase();
      return { status: 200, json: { Items: this.items.filter((item) => item.Name.toLowerCase().includes(term)), TotalRecordCount: this.items.length } };
    }
    return { status: 404, text: '' };
  }
}

export async function startFakePlex(sections: PlexSection[]): Promise<FakePlex> {
  const plex = new FakePlex(sections);
  await plex.server.listen();
  return plex;
}

export async function startFakeJellyfin(): Promise<FakeJellyfin> {
  const server = new FakeJellyfin('jellyfin');
  await server.server.listen();
  return server;
}

export async function startFakeEmby(): Promise<FakeJellyfin> {
  const server = new FakeJellyfin('emby');
  await server.server.listen();
  return server;
}
