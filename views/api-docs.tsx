import type { FC } from 'hono/jsx';
import { Layout, type Chrome } from './layout.tsx';

/** The browsable API: Swagger UI (served from here, no CDN) reading /api/v1/openapi.json. */
export const ApiDocsPage: FC<{ chrome: Chrome; swaggerCss: string; pageCss: string; swaggerJs: string; startJs: string }> = ({ chrome, swaggerCss, pageCss, swaggerJs, startJs }) => (
  <Layout title="API" chrome={chrome} active="settings">
    <h1 class="page-title">API</h1>
    <p class="muted">
      Every request below works with the API key in the X-Api-Key header (Authorize). Requests from this page also carry your
      session; connections and sync need the key. The document itself: <a href="/api/v1/openapi.json">openapi.json</a>.
    </p>
    <link rel="stylesheet" href={swaggerCss} />
    <link rel="stylesheet" href={pageCss} />
    <link rel="alternate" type="application/json" href="/api/v1/openapi.json" id="openapi-document" />
    <div id="swagger-ui" class="api-docs" />
    <script src={swaggerJs} />
    <script src={startJs} />
  </Layout>
);
