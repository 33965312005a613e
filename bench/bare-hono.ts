// The baseline server: the same Hono + @hono/node-server setup as the service, with one route that
// reads the body and answers 202 JSON, and nothing else (no auth, validation, database or log).
//   in-process:  const bare = await startBareHono(); ... await bare.close();
//   standalone:  node --import tsx bench/bare-hono.ts   (prints {"port":N}; the idle-memory baseline)
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const BARE_PATH = '/webhooks/radarr';

export type BareServer = { url: string; port: number; close(): Promise<void> };

export function startBareHono(): Promise<BareServer> {
  const app = new Hono();
  app.post(BARE_PATH, async (c) => {
    await c.req.arrayBuffer();
    return c.json({ accepted: true }, 202);
  });
  return serveLoopback(app);
}

/** Serves an app on 127.0.0.1 and a free port, as the service does (`@hono/node-server`). */
export function serveLoopback(app: Hono): Promise<BareServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bare = await startBareHono();
  console.log(JSON.stringify({ port: bare.port }));
  process.once('SIGTERM', () => void bare.close().then(() => process.exit(0)));
}
