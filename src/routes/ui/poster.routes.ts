import { Hono } from 'hono';
import { z } from 'zod';
import { PosterCache } from '../../admin/poster-cache.ts';
import { PosterProxy } from '../../admin/poster-proxy.ts';
import type { UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';

const posterRequest = z.object({ id: z.coerce.number().int().positive().max(2 ** 53 - 1) });
// `v` is the poster's version (the grid puts it in the URL), so a changed poster is a new URL and
// a cached one may be kept long. It is never used to find anything.
const posterQuery = z.object({ v: z.string().regex(/^[0-9a-f]{16}$/).optional() });

const IMAGE_CACHE = 'private, max-age=604800';
// A poster that is missing now may come with the next sync; the browser asks again later.
const MISS_CACHE = 'private, max-age=300';

/**
 * `GET /posters/{mediaId}`: the item's poster from the cache or its own Arr, behind the login like
 * every page. Never a URL from the request, never a 5xx for what an Arr sent: 404 instead.
 */
export function posterRoutes(deps: ServiceDeps): Hono<UiEnv> {
  const proxy = new PosterProxy(deps.database.db, PosterCache.inDataDir(deps.env.DATA_DIR), deps.logger);
  const app = new Hono<UiEnv>();

  app.get('/posters/:id', async (c) => {
    const params = posterRequest.safeParse(c.req.param());
    const query = posterQuery.safeParse(c.req.query());
    c.header('X-Content-Type-Options', 'nosniff');
    if (!params.success || !query.success) return c.body(null, 404);
    const answer = await proxy.poster(params.data.id);
    if (answer.kind !== 'image') {
      c.header('Cache-Control', MISS_CACHE);
      return c.body(null, 404);
    }
    const etag = `"${answer.poster.etag}"`;
    c.header('Cache-Control', IMAGE_CACHE);
    c.header('ETag', etag);
    if (c.req.header('if-none-match')?.split(',').some((tag) => tag.trim() === etag)) return c.body(null, 304);
    c.header('Content-Type', answer.poster.contentType);
    c.header('Content-Security-Policy', "default-src 'none'");
    return c.body(new Uint8Array(answer.poster.bytes), 200);
  });

  return app;
}
