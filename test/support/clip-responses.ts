// How the clip server (clip-server.ts) writes its answers: files with Range support at full or
// throttled speed, cut or stalled bodies, endless streams, and a web page that embeds a clip.
import { once } from 'node:events';
import { open, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.mpd': 'application/dash+xml',
  '.m4s': 'video/iso.segment',
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

export interface FileLimit {
  bytesPerSecond?: number;
  /** Stop after this many bytes of the body, then `stall` (keep the connection open) or `drop` it. */
  afterBytes?: number;
  then?: 'stall' | 'drop';
}

export async function serveFile(req: IncomingMessage, res: ServerResponse, file: string, limit: FileLimit = {}): Promise<void> {
  const size = (await stat(file)).size;
  let range: ByteRange = { start: 0, end: size - 1 };
  let status = 200;
  if (req.headers.range !== undefined) {
    const parsed = parseRange(req.headers.range, size);
    if (parsed === undefined) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    range = parsed;
    status = 206;
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  }
  res.writeHead(status, {
    'Content-Type': CONTENT_TYPES[path.extname(new URL(req.url ?? '/', 'http://x').pathname).toLowerCase()] ?? 'video/mp4',
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
}

export async function serveEndless(
  req: IncomingMessage,
  res: ServerResponse,
  bytesPerSecond: number | undefined,
  isClosing: () => boolean,
): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'video/mp4' });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const chunk = Buffer.alloc(bytesPerSecond !== undefined ? bytesPerTick(bytesPerSecond) : CHUNK_BYTES, 0x42);
  while (!isClosing() && (await send(res, chunk))) {
    // Yield even when the socket takes everything, so other requests and close() get a turn.
    await (bytesPerSecond !== undefined ? tick() : new Promise((resolve) => setImmediate(resolve)));
  }
}

export function serveStatus(res: ServerResponse, status: number, retryAfterSeconds?: number): void {
  const headers: Record<string, string> = { 'Content-Type': 'text/plain' };
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  res.writeHead(status, headers).end(STATUS_TEXT[status] ?? `Status ${status}`);
}

/**
 * A page embedding the clip the way trailer sites do, with schema.org VideoObject data: yt-dlp's
 * generic extractor reads the duration from it, which a bare video file does not reveal.
 */
export function servePage(res: ServerResponse, clipUrl: string, durationSeconds: number): void {
  const video = {
    '@context': 'https://schema.org',
    '@type': 'VideoObject',
    name: 'Trailer',
    description: 'A test trailer',
    uploadDate: '2020-01-01',
    duration: `PT${Math.round(durationSeconds)}S`,
    contentUrl: clipUrl,
  };
  const json = JSON.stringify(video).replaceAll('<', '\\u003c');
  res
    .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    .end(`<!doctype html><html><head><title>Trailer</title><script type="application/ld+json">${json}</script></head><body></body></html>`);
}
