import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

// htmx comes from the htmx.org package in node_modules (no CDN: the page works offline and the
// CSP allows scripts from this origin only); the stylesheet and script are ours, in views/static.
// Everything is read once at start and served with a content hash in its URL, so browsers may
// cache it for good and still get a new version right after an upgrade.

const require = createRequire(import.meta.url);
const htmxDist = join(dirname(require.resolve('htmx.org/package.json')), 'dist');
const swaggerDist = dirname(require.resolve('swagger-ui-dist/package.json'));
const viewsStatic = fileURLToPath(new URL('../../../views/static/', import.meta.url));

const SOURCES = {
  'htmx.min.js': join(htmxDist, 'htmx.min.js'),
  'hx-sse.min.js': join(htmxDist, 'ext', 'hx-sse.min.js'),
  'app.css': join(viewsStatic, 'app.css'),
  'app.js': join(viewsStatic, 'app.js'),
  'favicon.svg': join(viewsStatic, 'favicon.svg'),
  // The browsable API page (Swagger UI from the swagger-ui-dist package, and our start-up script).
  'swagger-ui.css': join(swaggerDist, 'swagger-ui.css'),
  'swagger-ui-bundle.js': join(swaggerDist, 'swagger-ui-bundle.js'),
  'api-docs.js': join(viewsStatic, 'api-docs.js'),
  'api-docs.css': join(viewsStatic, 'api-docs.css'),
} as const;

export type AssetName = keyof typeof SOURCES;
type Asset = { body: Buffer; hash: string; type: string };

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };

function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const [name, file] of Object.entries(SOURCES)) {
    const body = readFileSync(file);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    assets.set(name, { body, hash, type: TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream' });
  }
  return assets;
}

export type AssetUrls = { css: string; js: string; htmx: string; sse: string; icon: string };

export type StaticAssets = { urls: AssetUrls; routes: Hono; urlOf: (name: AssetName) => string };

export function staticAssets(): StaticAssets {
  const assets = loadAssets();
  const url = (name: AssetName) => `/static/${name}?v=${assets.get(name)!.hash}`;
  const routes = new Hono();
  routes.get('/static/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.json({ error: 'not_found', message: `No static file ${c.req.param('name')}` }, 404);
    const etag = `"${asset.hash}"`;
    const versioned = c.req.query('v') === asset.hash;
    c.header('Content-Type', asset.type);
    c.header('ETag', etag);
    c.header('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(new Uint8Array(asset.body));
  });
  return { urls: { css: url('app.css'), js: url('app.js'), htmx: url('htmx.min.js'), sse: url('hx-sse.min.js'), icon: url('favicon.svg') }, routes, urlOf: url };
}
