/**
 * A local stand-in for a trailer host: plain HTTP on 127.0.0.1, a random port, serving real clips
 * (see make-clip.ts) by id, with Range support, and failure modes switched on per id.
 *
 *   const server = await startClipServer();           // every id serves a 2 s h264/aac mp4
 *   env.TRAILER_URL_TEMPLATE = server.urlTemplate;    // http://127.0.0.1:PORT/clips/{id}.mp4
 *   server.url('603')                                 // http://127.0.0.1:PORT/clips/603.mp4
 *   server.behave('603', { kind: 'status', status: 429 });
 *   server.behave('604', { kind: 'throttle', bytesPerSecond: 50_000 });
 *   server.behave('605', { kind: 'endless' });        // never-ending body, no Content-Length
 *   server.behave('610', { kind: 'status', status: 404, heldUntil: released }); // answers once `released` settles
 *   server.dashUrl('606')                             // a DASH manifest: separate video and audio
 *   server.pageUrl('607', 150)                        // a web page embedding the clip, "150 s long"
 *   server.subtitledPageUrl('608', ['en', 'de'])      // a page whose <video> has en and de <track>s
 *   server.subtitleUrl('609', 'en')                   // that page's en WebVTT; automaticCaptionUrl: its auto caption
 *   server.failNext(429)                              // the next clip request, whatever its id, gets a 429
 *   server.requests                                   // [{ method, path, id, range, status, at }]
 *   await server.close();                             // also cuts stalled/endless connections
 *
 * Paths: `/clips/<id>.<ext>`; any extension is accepted, and Content-Type follows it (mp4 →
 * video/mp4, webm → video/webm, mkv → video/x-matroska), which is what makes yt-dlp's generic
 * extractor treat the URL as a direct video link. Unknown ids get the default clip unless
 * `unknownIds: 'not-found'`; other paths get 404. HEAD is answered like GET, without a body.
 * `/dash/<id>/clip.mpd` (and its segments beside it) serves makeDashClip() for any id, and
 * `/pages/<id>.html?duration=N` a page with schema.org VideoObject data (duration N seconds) whose
 * video is `/clips/<id>.mp4`; a `status` behaviour set for the id applies to both.
 * `/subtitled/<id>.html?langs=en,de` is a page whose HTML5 `<video>` plays `/clips/<id>.mp4` and
 * has one `<track kind="subtitles">` per language, served as WebVTT from `/subs/<id>/<lang>.vtt`
 * (see clip-subtitles.ts: en and de have a cue, fr is unreadable, other languages are 404);
 * `/auto-subs/<id>/<lang>.vtt` is an automatic caption shaped like YouTube's (en and de), which
 * only an info JSON can offer yt-dlp (ytdlp-info-json.ts).
 *
 * Behaviours (`file` defaults to the server's default clip):
 *   { kind: 'clip', file? }                        serve the file; Range → 206, bad Range → 416
 *   { kind: 'status', status, retryAfterSeconds?, heldUntil? }
 *                                                  answer with that status (404, 403, 429, 500, …); with
 *                                                  `heldUntil`, only once that promise settles (the
 *                                                  request is seen in `requests` at once: a download that
 *                                                  is running, for as long as the test needs)
 *   { kind: 'throttle', bytesPerSecond, file? }    serve the file slowly
 *   { kind: 'stall', afterBytes, file? }           send headers and afterBytes, then nothing, forever
 *   { kind: 'drop', afterBytes, file? }            send afterBytes, then cut the connection
 *   { kind: 'endless', bytesPerSecond? }           stream bytes without end and without Content-Length
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { serveEndless, serveFile, servePage, serveStatus } from './clip-responses.ts';
import { serveSubtitle, serveSubtitledPage } from './clip-subtitles.ts';
import { makeClip, makeDashClip } from './make-clip.ts';

export type ClipBehavior =
  | { kind: 'clip'; file?: string }
  | { kind: 'status'; status: number; retryAfterSeconds?: number; heldUntil?: Promise<unknown> }
  | { kind: 'throttle'; bytesPerSecond: number; file?: string }
  | { kind: 'stall'; afterBytes: number; file?: string }
  | { kind: 'drop'; afterBytes: number; file?: string }
  | { kind: 'endless'; bytesPerSecond?: number };

export interface ClipRequest {
  method: string;
  path: string;
  /** The `<id>` of `/clips/<id>.<ext>`, `/dash/<id>/…`, `/pages/<id>.html`, `/subtitled/…`, `/subs/…`. */
  id: string | undefined;
  range: string | undefined;
  /** The status sent, 0 while headers are not out yet. */
  readonly status: number;
  at: number;
}

export interface ClipServer {
  readonly port: number;
  readonly baseUrl: string;
  /** `http://127.0.0.1:PORT/clips/{id}.mp4`, for TRAILER_URL_TEMPLATE. */
  readonly urlTemplate: string;
  url(id: string, extension?: string): string;
  /** `http://127.0.0.1:PORT/dash/<id>/clip.mpd`. */
  dashUrl(id: string): string;
  /** A page embedding `/clips/<id>.mp4` that claims the clip lasts `durationSeconds`. */
  pageUrl(id: string, durationSeconds: number): string;
  /** A page whose `<video>` plays `/clips/<id>.mp4` with a WebVTT `<track>` per language. */
  subtitledPageUrl(id: string, languages: readonly string[]): string;
  /** `/subs/<id>/<lang>.vtt`: the uploaded WebVTT subtitle of `language`. */
  subtitleUrl(id: string, language: string): string;
  /** `/auto-subs/<id>/<lang>.vtt`: an automatic caption of `language`, shaped like YouTube's. */
  automaticCaptionUrl(id: string, language: string): string;
  behave(id: string, behavior: ClipBehavior): void;
  /** The next `/clips/` request, whatever its id, is answered with `status` (once). */
  failNext(status: number): void;
  /** Every request seen, in order of arrival. */
  readonly requests: readonly ClipRequest[];
  close(): Promise<void>;
}

export interface ClipServerOptions {
  /** The file served for ids without a behaviour; defaults to makeClip(). */
  defaultClip?: string;
  unknownIds?: 'default-clip' | 'not-found';
}

type Route =
  | { kind: 'clip'; id: string }
  | { kind: 'dash'; id: string; file: string }
  | { kind: 'page'; id: string; durationSeconds: number }
  | { kind: 'subtitled-page'; id: string; languages: string[] }
  | { kind: 'subtitle'; id: string; language: string; source: 'uploaded' | 'automatic' }
  | { kind: 'none' };

function routeOf(url: URL): Route {
  const clip = /^\/clips\/([^/]+?)(\.[A-Za-z0-9]+)?$/.exec(url.pathname);
  if (clip?.[1] !== undefined) return { kind: 'clip', id: decodeURIComponent(clip[1]) };
  // Segment names are plain (no `/`, no `..`), so a request cannot leave the DASH folder.
  const dash = /^\/dash\/([^/]+)\/([A-Za-z0-9_-]+\.(?:mpd|m4s))$/.exec(url.pathname);
  if (dash?.[1] !== undefined && dash[2] !== undefined) return { kind: 'dash', id: decodeURIComponent(dash[1]), file: dash[2] };
  const page = /^\/pages\/([^/]+)\.html$/.exec(url.pathname);
  if (page?.[1] !== undefined) {
    return { kind: 'page', id: decodeURIComponent(page[1]), durationSeconds: Number(url.searchParams.get('duration') ?? 120) };
  }
  const subtitled = /^\/subtitled\/([^/]+)\.html$/.exec(url.pathname);
  if (subtitled?.[1] !== undefined) {
    const languages = (url.searchParams.get('langs') ?? 'en,de').split(',').filter((code) => /^[A-Za-z0-9-]+$/.test(code));
    return { kind: 'subtitled-page', id: decodeURIComponent(subtitled[1]), languages };
  }
  const subtitle = /^\/(subs|auto-subs)\/([^/]+)\/([A-Za-z0-9-]+)\.vtt$/.exec(url.pathname);
  if (subtitle?.[2] !== undefined && subtitle[3] !== undefined) {
    const source = subtitle[1] === 'auto-subs' ? 'automatic' : 'uploaded';
    return { kind: 'subtitle', id: decodeURIComponent(subtitle[2]), language: subtitle[3], source };
  }
  return { kind: 'none' };
}

export async function startClipServer(options: ClipServerOptions = {}): Promise<ClipServer> {
  const defaultClip = options.defaultClip ?? (await makeClip());
  const behaviors = new Map<string, ClipBehavior>();
  const requests: ClipRequest[] = [];
  const sockets = new Set<Socket>();
  let dashFolder: Promise<string> | undefined;
  let baseUrl = '';
  let closing = false;
  let failNext: number | undefined;
  const subtitleUrl = (id: string, language: string): string => `${baseUrl}/subs/${encodeURIComponent(id)}/${encodeURIComponent(language)}.vtt`;

  const respond = async (req: IncomingMessage, res: ServerResponse, route: Route): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const id = route.kind === 'none' ? undefined : route.id;
    if (failNext !== undefined && route.kind === 'clip') {
      const status = failNext;
      failNext = undefined;
      return serveStatus(res, status);
    }
    const behavior: ClipBehavior | undefined =
      id === undefined
        ? undefined
        : (behaviors.get(id) ?? (options.unknownIds === 'not-found' ? undefined : { kind: 'clip' }));
    if (behavior?.kind === 'status') {
      await behavior.heldUntil?.catch(() => {});
      // Closed while held: the socket is gone.
      if (res.destroyed) return;
      return serveStatus(res, behavior.status, behavior.retryAfterSeconds);
    }
    if (route.kind === 'dash') {
      dashFolder ??= makeDashClip();
      return serveFile(req, res, path.join(await dashFolder, route.file));
    }
    const clipUrl = `${baseUrl}/clips/${encodeURIComponent(id ?? '')}.mp4`;
    if (route.kind === 'page') return servePage(res, clipUrl, route.durationSeconds);
    if (route.kind === 'subtitled-page') {
      return serveSubtitledPage(res, clipUrl, route.languages, (language) => subtitleUrl(route.id, language));
    }
    if (route.kind === 'subtitle') return serveSubtitle(res, route.language, req.method === 'HEAD', route.source);
    switch (behavior?.kind) {
      case undefined:
        return serveStatus(res, 404);
      case 'clip':
        return serveFile(req, res, behavior.file ?? defaultClip);
      case 'throttle':
        return serveFile(req, res, behavior.file ?? defaultClip, { bytesPerSecond: behavior.bytesPerSecond });
      case 'stall':
        return serveFile(req, res, behavior.file ?? defaultClip, { afterBytes: behavior.afterBytes, then: 'stall' });
      case 'drop':
        return serveFile(req, res, behavior.file ?? defaultClip, { afterBytes: behavior.afterBytes, then: 'drop' });
      case 'endless':
        return serveEndless(req, res, behavior.bytesPerSecond, () => closing);
    }
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routeOf(url);
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      id: route.kind === 'none' ? undefined : route.id,
      range: req.headers.range,
      // Read live: a stalled or endless response has its status long before it ends.
      get status() {
        return res.headersSent ? res.statusCode : 0;
      },
      at: Date.now(),
    });
    respond(req, res, route).catch((error: unknown) => {
      const status = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 404 : 500;
      if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'text/plain' }).end(String(error));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    port,
    baseUrl,
    urlTemplate: `${baseUrl}/clips/{id}.mp4`,
    url: (id, extension = 'mp4') => `${baseUrl}/clips/${encodeURIComponent(id)}.${extension}`,
    dashUrl: (id) => `${baseUrl}/dash/${encodeURIComponent(id)}/clip.mpd`,
    pageUrl: (id, durationSeconds) => `${baseUrl}/pages/${encodeURIComponent(id)}.html?duration=${durationSeconds}`,
    subtitledPageUrl: (id, languages) =>
      `${baseUrl}/subtitled/${encodeURIComponent(id)}.html?langs=${languages.map(encodeURIComponent).join(',')}`,
    subtitleUrl,
    automaticCaptionUrl: (id, language) => `${baseUrl}/auto-subs/${encodeURIComponent(id)}/${encodeURIComponent(language)}.vtt`,
    behave: (id, behavior) => void behaviors.set(id, behavior),
    failNext: (status) => void (failNext = status),
    requests,
    close: async () => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
