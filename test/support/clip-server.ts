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
 *   server.requests                                   // [{ method, path, id, range, status, at }]
 *   await server.close();                             // also cuts stalled/endless connections
 *
 * Paths: `/clips/<id>.<ext>`; any extension is accepted, and Content-Type follows it (mp4 →
 * video/mp4, webm → video/webm, mkv → video/x-matroska), which is what makes yt-dlp's generic
 * extractor treat the URL as a direct video link. Unknown ids get the default clip unless
 * `unknownIds: 'not-found'`; other paths get 404. HEAD is answered like GET, without a body.
 *
 * Behaviours (`file` defaults to the server's default clip):
 *   { kind: 'clip', file? }                        serve the file; Range → 206, bad Range → 416
 *   { kind: 'status', status, retryAfterSeconds? } answer with that status (404, 403, 429, 500, …)
 *   { kind: 'throttle', bytesPerSecond, file? }    serve the file slowly
 *   { kind: 'stall', afterBytes, file? }           send headers and afterBytes, then nothing, forever
 *   { kind: 'drop', afterBytes, file? }            send afterBytes, then cut the connection
 *   { kind: 'endless', bytesPerSecond? }           stream bytes without end and without Content-Length
 */
import { once } from 'node:events';
import { open, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { makeClip } from './make-clip.ts';

export type ClipBehavior =
  | { kind: 'clip'; file?: string }
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  | { kind: 'throttle'; bytesPerSecond: number; file?: string }
  | { kind: 'stall'; afterBytes: number; file?: string }
  | { kind: 'drop'; afterBytes: number; file?: string }
  | { kind: 'endless'; bytesPerSecond?: number };

export interface ClipRequest {
  method: string;
  path: string;
  /** The `<id>` of `/clips/<id>.<ext>`, undefined for other paths. */
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
  behave(id: string, behavior: ClipBehavior): void;
  /** Every request seen, in order of arrival. */
  readonly requests: readonly ClipRequest[];
  close(): Promise<void>;
}

export interface ClipServerOptions {
  /** The file served for ids without a behaviour; defaults to makeClip(). */
  defaultClip?: string;
  unknownIds?: 'default-clip' | 'not-found';
}

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
};
const STATUS_TEXT: Record<number, string> = {
  403: 'Forbidden',
  404: 'Not Found',
  416: 'Range Not Satisfiable',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};
const TICK_MS = 100;
const CHUNK_BYTES = 64 * 1024;

interface ByteRange {
  start: number;
  end: number;
}

/** Single ranges only (`bytes=a-b`, `bytes=a-`, `bytes=-n`); undefined when unsatisfiable. */
function parseRange(header: string, size: number): ByteRange | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null || (match[1] === '' && match[2] === '')) return undefined;
  const [from, to] = [match[1] ?? '', match[2] ?? ''];
  const start = from === '' ? Math.max(0, size - Number(to)) : Number(from);
  const end = from === '' || to === '' ? size - 1 : Math.min(Number(to), size - 1);
  return start <= end && start < size ? { start, end } : undefined;
}

const bytesPerTick = (bytesPerSecond: number): number => Math.max(1, Math.floor((bytesPerSecond * TICK_MS) / 1000));
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, TICK_MS));

/** Writes `buffer`, waiting for the socket to drain; false once the client has gone. */
async function send(res: ServerResponse, buffer: Buffer): Promise<boolean> {
  // Not `res.socket`: a request pipelined on a keep-alive connection has no socket until the
  // previous response ends, and its writes are buffered meanwhile.
  const gone = (): boolean => res.destroyed || res.writableEnded;
  if (gone()) return false;
  if (!res.write(buffer)) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
  return !gone();
}

export async function startClipServer(options: ClipServerOptions = {}): Promise<ClipServer> {
  const defaultClip = options.defaultClip ?? (await makeClip());
  const behaviors = new Map<string, ClipBehavior>();
  const requests: ClipRequest[] = [];
  const sockets = new Set<Socket>();
  let closing = false;

  const serveFile = async (
    req: IncomingMessage,
    res: ServerResponse,
    file: string,
    limit: { bytesPerSecond?: number; afterBytes?: number; then?: 'stall' | 'drop' },
  ): Promise<void> => {
    const size = (await stat(file)).size;
    const rangeHeader = req.headers.range;
    let range: ByteRange = { start: 0, end: size - 1 };
    let status = 200;
    if (rangeHeader !== undefined) {
      const parsed = parseRange(rangeHeader, size);
      if (parsed === undefined) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
        return;
      }
      range = parsed;
      status = 206;
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    }
    res.writeHead(status, {
      'Content-Type': CONTENT_TYPES[path.extname(req.url ?? '').toLowerCase()] ?? 'video/mp4',
      'Content-Length': String(range.end - range.start + 1),
      'Accept-Ranges': 'bytes',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const handle = await open(file, 'r');
    let position = range.start;
    let sent = 0;
    try {
      const perTick = limit.bytesPerSecond !== undefined ? bytesPerTick(limit.bytesPerSecond) : CHUNK_BYTES;
      while (position <= range.end) {
        let length = Math.min(perTick, range.end - position + 1);
        if (limit.afterBytes !== undefined) length = Math.min(length, limit.afterBytes - sent);
        if (length <= 0) break;
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        if (bytesRead === 0 || !(await send(res, buffer.subarray(0, bytesRead)))) return;
        position += bytesRead;
        sent += bytesRead;
        if (limit.bytesPerSecond !== undefined && position <= range.end) await tick();
      }
    } finally {
      await handle.close();
    }
    if (limit.then === 'drop' && position <= range.end) res.destroy();
    else if (limit.then === 'stall' && position <= range.end) await once(res, 'close');
    else res.end();
  };

  const serveEndless = async (res: ServerResponse, bytesPerSecond: number | undefined): Promise<void> => {
    res.writeHead(200, { 'Content-Type': 'video/mp4' });
    const chunk = Buffer.alloc(bytesPerSecond !== undefined ? bytesPerTick(bytesPerSecond) : CHUNK_BYTES, 0x42);
    while (!closing && (await send(res, chunk))) {
      // Yield even when the socket takes everything, so other requests and close() get a turn.
      await (bytesPerSecond !== undefined ? tick() : new Promise((resolve) => setImmediate(resolve)));
    }
  };

  const respond = async (req: IncomingMessage, res: ServerResponse, id: string | undefined): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const behavior: ClipBehavior | undefined =
      id === undefined
        ? undefined
        : (behaviors.get(id) ?? (options.unknownIds === 'not-found' ? undefined : { kind: 'clip' }));
    if (behavior === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
      return;
    }
    switch (behavior.kind) {
      case 'clip':
        return serveFile(req, res, behavior.file ?? defaultClip, {});
      case 'throttle':
        return serveFile(req, res, behavior.file ?? defaultClip, { bytesPerSecond: behavior.bytesPerSecond });
      case 'stall':
        return serveFile(req, res, behavior.file ?? defaultClip, { afterBytes: behavior.afterBytes, then: 'stall' });
      case 'drop':
        return serveFile(req, res, behavior.file ?? defaultClip, { afterBytes: behavior.afterBytes, then: 'drop' });
      case 'endless':
        if (req.method === 'HEAD') return void res.writeHead(200, { 'Content-Type': 'video/mp4' }).end();
        return serveEndless(res, behavior.bytesPerSecond);
      case 'status': {
        const headers: Record<string, string> = { 'Content-Type': 'text/plain' };
        if (behavior.retryAfterSeconds !== undefined) headers['Retry-After'] = String(behavior.retryAfterSeconds);
        res.writeHead(behavior.status, headers).end(STATUS_TEXT[behavior.status] ?? `Status ${behavior.status}`);
        return;
      }
    }
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/clips\/([^/]+?)(\.[A-Za-z0-9]+)?$/.exec(url.pathname);
    const id = match?.[1] !== undefined ? decodeURIComponent(match[1]) : undefined;
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      id,
      range: req.headers.range,
      // Read live: a stalled or endless response has its status long before it ends.
      get status() {
        return res.headersSent ? res.statusCode : 0;
      },
      at: Date.now(),
    });
    respond(req, res, id).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
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
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    port,
    baseUrl,
    urlTemplate: `${baseUrl}/clips/{id}.mp4`,
    url: (id, extension = 'mp4') => `${baseUrl}/clips/${encodeURIComponent(id)}.${extension}`,
    behave: (id, behavior) => void behaviors.set(id, behavior),
    requests,
    close: async () => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
