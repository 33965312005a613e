/**
 * A reverse proxy like nginx `location /previewarr/ { proxy_pass http://previewarr:7880; }` or
 * Traefik's PathPrefix rule: it forwards `/previewarr` and `/previewarr/*` to the service with the
 * path unchanged (streamed both ways, so live streams work), adds X-Forwarded-*, and answers
 * everything else itself with 404 — so a link the app forgot to prefix fails loudly.
 *   const proxy = await startPrefixProxy(svc.url, '/previewarr');
 *   await fetch(`${proxy.url}/previewarr/healthz`); proxy.requests; await proxy.close();
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PrefixProxy = {
  /** The proxy's origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Method and path of every request the proxy saw. */
  requests: string[];
  /** Paths answered 404 by the proxy because they were outside the prefix. */
  refused: string[];
  close(): Promise<void>;
};

export async function startPrefixProxy(upstream: string, prefix: string): Promise<PrefixProxy> {
  const target = new URL(upstream);
  const requests: string[] = [];
  const refused: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(`${req.method} ${path}`);
    const pathname = path.split('?')[0] ?? '';
    if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) {
      refused.push(path);
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not behind this proxy');
      return;
    }
    const forwarded = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path,
        headers: {
          ...req.headers,
          'x-forwarded-for': req.socket.remoteAddress ?? '',
          'x-forwarded-host': req.headers.host ?? '',
          'x-forwarded-proto': 'http',
          'x-forwarded-prefix': prefix,
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end('upstream failed');
      else res.destroy();
    });
    res.on('close', () => forwarded.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
