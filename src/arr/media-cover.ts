// The Arr's own copy of an item's poster. Radarr and Sonarr serve covers twice: `{UrlBase}/MediaCover/…`
// through their static-file controller (authorized by the UI policy: the login cookie, which an
// API key does not satisfy when forms login is on), and `GET /api/v3/mediacover/{id}/{file}`
// (MediaCoverController, API-key authorized). We use the API route with X-Api-Key. The apps keep
// `poster-500.jpg` and `poster-250.jpg` beside `poster.jpg` (MediaCoverService.EnsureResizedCovers)
// and answer the full-size file when a resized one is missing, so the small one is asked for.
import axios from 'axios';
import type { Readable } from 'node:stream';
import { posterContentTypes, sniffPosterType, type PosterImage } from '../domain/poster-image.ts';
import { arrConnectionConfigSchema, arrEndpoint, type ArrConnectionConfig } from './arr-http.ts';

export type PosterReply = { ok: true; image: PosterImage } | { ok: false; why: string };

export type PosterLimits = { maxBytes: number; timeoutMs: number };

/** The grid's size: 250 px high (the Arr's own thumbnail; its UI uses it for poster lists too). */
const POSTER_FILE = 'poster-250.jpg';

/**
 * GET the poster of Arr item `arrId`: one try (the grid asks again later), the whole exchange
 * bounded by `timeoutMs`, the body by `maxBytes` while it streams in, only an allowed image type
 * whose bytes agree. Never throws; `why` names no key.
 */
export async function fetchArrPoster(config: ArrConnectionConfig, arrId: number, limits: PosterLimits): Promise<PosterReply> {
  const parsed = arrConnectionConfigSchema.safeParse(config);
  if (!parsed.success || !Number.isSafeInteger(arrId) || arrId <= 0) return { ok: false, why: 'the connection settings are not usable' };
  const { apiRoot, auth } = arrEndpoint(parsed.data.baseUrl);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const response = await axios.get<Readable>(`${apiRoot}/mediacover/${arrId}/${POSTER_FILE}`, {
      ...(auth ? { auth } : {}),
      headers: { 'X-Api-Key': parsed.data.apiKey, Accept: posterContentTypes.join(', ') },
      responseType: 'stream',
      proxy: false,
      maxRedirects: 0,
      timeout: limits.timeoutMs,
      signal: controller.signal,
      validateStatus: () => true,
    });
    const stream = response.data;
    if (response.status !== 200) {
      stream.destroy();
      return { ok: false, why: `HTTP ${response.status}` };
    }
    const declared = String(response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!(posterContentTypes as readonly string[]).includes(declared)) {
      stream.destroy();
      return { ok: false, why: `not an allowed image type (${declared.slice(0, 60) || 'none'})` };
    }
    const declaredLength = Number(response.headers['content-length']);
    if (Number.isFinite(declaredLength) && declaredLength > limits.maxBytes) {
      stream.destroy();
      return { ok: false, why: `larger than ${limits.maxBytes} bytes` };
    }
    const bytes = await readAtMost(stream, limits.maxBytes);
    if (bytes === undefined) return { ok: false, why: `larger than ${limits.maxBytes} bytes` };
    const sniffed = sniffPosterType(bytes);
    if (sniffed === undefined) return { ok: false, why: 'the reply is not a JPEG, PNG or WebP image' };
    return { ok: true, image: { bytes, contentType: sniffed } };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ok: false, why: controller.signal.aborted ? `no complete reply within ${limits.timeoutMs} ms` : `request failed (${typeof code === 'string' ? code : 'network error'})` };
  } finally {
    clearTimeout(timer);
  }
}

/** The whole body, or undefined as soon as it passes `maxBytes` (the rest is never read). */
async function readAtMost(stream: Readable, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > maxBytes) {
      stream.destroy();
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
