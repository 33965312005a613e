/**
 * A real JPEG poster (167×250, the shape of the Arr's `poster-250.jpg`) made by ffmpeg from a
 * lavfi pattern, for fake Arrs to serve at /api/v3/mediacover/{id}/poster-250.jpg.
 *   radarr.covers.set('42/poster-250.jpg', { contentType: 'image/jpeg', body: makePoster('smptebars') });
 */
import { execFileSync } from 'node:child_process';

export type PosterPattern = 'testsrc2' | 'smptebars' | 'rgbtestsrc';

const made = new Map<PosterPattern, Buffer>();

export function makePoster(pattern: PosterPattern = 'testsrc2'): Buffer {
  let bytes = made.get(pattern);
  if (!bytes) {
    const args = ['-v', 'error', '-f', 'lavfi', '-i', `${pattern}=size=167x250:rate=1`, '-frames:v', '1', '-c:v', 'mjpeg', '-f', 'image2pipe', 'pipe:1'];
    bytes = execFileSync(process.env['FFMPEG_PATH'] ?? 'ffmpeg', args, { maxBuffer: 1024 * 1024 });
    made.set(pattern, bytes);
  }
  return bytes;
}

/** Serves a made poster for every item of a fake Arr that names one (its `images[]` poster). */
export function serveItemPosters(arr: { items: Map<number, Record<string, unknown>>; covers: Map<string, { contentType: string; body: Buffer }> }): void {
  const patterns: PosterPattern[] = ['testsrc2', 'smptebars', 'rgbtestsrc'];
  let n = 0;
  for (const [id, item] of arr.items) {
    const images = Array.isArray(item['images']) ? (item['images'] as Array<{ coverType?: string }>) : [];
    if (!images.some((image) => image.coverType === 'poster')) continue;
    arr.covers.set(`${id}/poster-250.jpg`, { contentType: 'image/jpeg', body: makePoster(patterns[n++ % patterns.length]) });
  }
}
