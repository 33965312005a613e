// A Radarr/Sonarr webhook connection's request, as the apps send it (their User-Agent, indented
// JSON, Connection: close), for tests that post webhooks to the service.
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ArrApp } from './fake-arr-data.ts';

const USER_AGENTS: Record<ArrApp, string> = {
  radarr: 'Radarr/6.0.3.10276 (alpine 3.22.2)',
  sonarr: 'Sonarr/4.0.19.2979 (ubuntu 24.04)',
};

export type WebhookReply = { status: number; headers: IncomingHttpHeaders; text: string };

/** Sends `body` (object → indented JSON; string → as is) like a Radarr/Sonarr webhook connection. */
export function postWebhook(
  url: string,
  body: unknown,
  options: { app?: ArrApp; method?: 'POST' | 'PUT'; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<WebhookReply> {
  const { app = 'radarr', method = 'POST', headers = {}, timeoutMs = 10_000 } = options;
  const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body, null, 2), 'utf8');
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method,
        timeout: timeoutMs,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'User-Agent': USER_AGENTS[app],
          Connection: 'close',
          'Content-Length': String(payload.length),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`webhook to ${url} got no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
