import { Hono } from 'hono';
import { libraryViewSchema, mediaListQuerySchema } from '../../admin/admin-schemas.ts';
import { listMedia } from '../../admin/media-queries.ts';
import { isHtmxRequest, type UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { LibraryPage, LibraryResults } from '../../../views/library.tsx';
import { chromeOf, sendFragment, sendInvalidQuery, sendPage } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

/** The library list: movies and series, filtered, searched and paginated. */
export function libraryRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const db = deps.database.db;
  const app = new Hono<UiEnv>();

  app.get('/library', async (c) => {
    const parsed = mediaListQuerySchema.safeParse(c.req.query());
    if (!parsed.success) return sendInvalidQuery(c, assets, parsed.error.issues);
    const view = libraryViewSchema.safeParse(c.req.query());
    if (!view.success) return sendInvalidQuery(c, assets, view.error.issues);
    const query = { ...parsed.data, view: view.data.view };
    const page = await listMedia(db, query);
    // The filter form asks for the results only; a link or a reload gets the whole page.
    if (isHtmxRequest(c) && c.req.header('hx-target')?.endsWith('#library-results')) {
      return sendFragment(c, <LibraryResults page={page} query={query} />);
    }
    return sendPage(c, <LibraryPage chrome={chromeOf(c, assets)} page={page} query={query} />);
  });

  return app;
}
