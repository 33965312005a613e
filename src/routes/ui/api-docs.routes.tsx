import { Hono } from 'hono';
import type { UiEnv } from '../../auth/ui-auth.ts';
import { ApiDocsPage } from '../../../views/api-docs.tsx';
import { chromeOf, sendPage } from './render.tsx';
import type { StaticAssets } from './static-assets.ts';

/** /settings/api-docs: the browsable API page (behind the sign-in like every settings page). */
export function apiDocsRoutes({ urls, urlOf }: Pick<StaticAssets, 'urls' | 'urlOf'>): Hono<UiEnv> {
  const app = new Hono<UiEnv>();
  app.get('/settings/api-docs', (c) =>
    sendPage(c, <ApiDocsPage chrome={chromeOf(c, urls)} swaggerCss={urlOf('swagger-ui.css')} pageCss={urlOf('api-docs.css')} swaggerJs={urlOf('swagger-ui-bundle.js')} startJs={urlOf('api-docs.js')} />),
  );
  return app;
}
