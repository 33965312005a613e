import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { trailers } from '../db/schema/index.ts';
import { parseByteRange } from './byte-range.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.mkv': 'video/x-matroska',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
};

export type OwnedTrailerFile = { path: string; size: number; contentType: string };

/**
 * The trailer file of an item, only if this service wrote it (a `trailers` row in state present)
 * and the file on disk is still that file: a regular file (not a symlink) of the recorded size.
 */
export async function ownedTrailerFile(db: Db, mediaId: number): Promise<OwnedTrailerFile | null> {
  const [row] = await db
    .select({ path: trailers.path, sizeBytes: trailers.sizeBytes })
    .from(trailers)
    .where(and(eq(trailers.mediaId, mediaId), eq(trailers.state, 'present')))
    .limit(1);
  if (!row) return null;
  const stats = await lstat(row.path).catch(() => null);
  if (!stats?.isFile() || stats.size !== row.sizeBytes) return null;
  return { path: row.path, size: stats.size, contentType: CONTENT_TYPES[extname(row.path).toLowerCase()] ?? 'application/octet-stream' };
}

/** 200 with the whole file, 206 with one range, or 416; HEAD gets the headers only. */
export function fileResponse(file: OwnedTrailerFile, rangeHeader: string | undefined, method: string): Response {
  const range = parseByteRange(rangeHeader, file.size);
  const headers = new Headers({ 'Accept-Ranges': 'bytes', 'Content-Type': file.contentType, 'Cache-Control': 'private, no-cache' });
  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${file.size}`);
    return new Response(null, { status: 416, headers });
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : file.size - 1;
  headers.set('Content-Length', String(Math.max(0, end - start + 1)));
  if (range.kind === 'partial') headers.set('Content-Range', `bytes ${start}-${end}/${file.size}`);
  const status = range.kind === 'partial' ? 206 : 200;
  if (method === 'HEAD' || file.size === 0) return new Response(null, { status, headers });
  const stream = Readable.toWeb(createReadStream(file.path, { start, end })) as unknown as ReadableStream<Uint8Array>;
  return new Response(stream, { status, headers });
}
