/**
 * A fake yt-dlp release folder on 127.0.0.1, laid out like GitHub's `releases/latest/download/`:
 * `yt-dlp` (here a small shell script printing a version) and `SHA2-256SUMS` listing it.
 *   const release = await startFakeRelease();
 *   release.publish('2026.01.02');                 // a working build and its true checksum
 *   release.publish('2026.02.03', { broken: true }) // exits 1 on --version (checksum still true)
 *   release.publish('2026.03.04', { wrongSum: true }) // SHA2-256SUMS names another hash
 *   release.url; release.requests; await release.close()
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeRelease = {
  url: string;
  /** Request paths seen, in order. */
  requests: string[];
  publish(version: string, options?: { broken?: boolean; wrongSum?: boolean }): void;
  close(): Promise<void>;
};

export function fakeYtdlpScript(version: string, broken = false): Buffer {
  return Buffer.from(broken ? '#!/bin/sh\necho "ImportError: no module named yt_dlp" >&2\nexit 1\n' : `#!/bin/sh\necho ${version}\n`);
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export async function startFakeRelease(): Promise<FakeRelease> {
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const body = files.get(path.replace(/^\/download\//, ''));
    if (body === undefined) {
      res.writeHead(404).end('Not Found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/download`,
    requests,
    publish(version, options = {}) {
      const binary = fakeYtdlpScript(version, options.broken);
      const listed = options.wrongSum ? sha256(Buffer.from('something else')) : sha256(binary);
      const other = sha256(Buffer.from(`exe ${version}`));
      files.set('yt-dlp', binary);
      // Like the real file: one line per asset, the platform binaries around the zipapp.
      files.set('SHA2-256SUMS', Buffer.from(`${listed}  yt-dlp\n${other}  yt-dlp.exe\n${other}  yt-dlp_linux\n`));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
