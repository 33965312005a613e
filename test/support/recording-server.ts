// A real HTTP server on 127.0.0.1 that records every request and answers through a handler,
// with injectable failures. The base of the fake media servers and notification endpoints.
//   const server = await startRecordingServer((req) => ({ status: 200, json: { ok: true } }));
//   server.url, server.requests, server.fail({ mode: 'status', status: 500, times: 2 }), await server.close()
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Recorded = { method: string; path: string; query: URLSearchParams; headers: IncomingHttpHeaders; body: string; status: number | 'reset' | 'timeout' };

export type Reply = { status: number; json?: unknown; text?: string };

export type Failure = { mode: 'status'; status: number } | { mode: 'delay'; ms: number } | { mode: 'reset' } | { mode: 'hang' };
type Rule = { failure: Failure; left: number };

export class RecordingServer {
  readonly requests: Recorded[] = [];
  #rules: Rule[] = [];
  #server: Server;
  #port = 0;
  #hanging = new Set<() => void>();

  constructor(handler: (request: Omit<Recorded, 'status'>) => Reply) {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const request = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        const recorded: Recorded = { ...request, status: 0 };
        this.requests.push(recorded);
        const rule = this.#rules.find((r) => r.left > 0);
        if (rule) rule.left -= 1;
        const answer = () => {
          const reply = rule?.failure.mode === 'status' ? failureReply(rule.failure.status, request.headers) : handler(request);
          recorded.status = reply.status;
          const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
          res.writeHead(reply.status, { 'Content-Type': reply.json !== undefined ? 'application/json' : 'text/plain' });
          res.end(body);
        };
        if (rule?.failure.mode === 'reset') {
          recorded.status = 'reset';
          return void req.socket.destroy();
        }
        if (rule?.failure.mode === 'hang') {
          recorded.status = 'timeout';
          const end = () => req.socket.destroy();
          this.#hanging.add(end);
          return;
        }
        if (rule?.failure.mode === 'delay') return void setTimeout(answer, rule.failure.ms);
        answer();
      });
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Fails the next `times` requests (default: every one until clearFailures). */
  fail(failure: Failure, times = Number.POSITIVE_INFINITY): void {
    this.#rules.push({ failure, left: times });
  }

  clearFailures(): void {
    this.#rules = [];
  }

  async close(): Promise<void> {
    for (const end of this.#hanging) end();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

// Like a careless server or proxy: the error page echoes the credentials it received, so a test
// sees any leak of them into Previewarr's messages.
function failureReply(status: number, headers: IncomingHttpHeaders): Reply {
  const echoed = [headers['x-plex-token'], headers['x-emby-token'], headers['authorization'], headers['x-gotify-key']].filter(Boolean).join(' ');
  return { status, text: status === 401 ? '' : `error; you sent ${echoed}` };
}

export async function startRecordingServer(handler: (request: Omit<Recorded, 'status'>) => Reply): Promise<RecordingServer> {
  return new RecordingServer(handler).listen();
}
