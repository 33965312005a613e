// One fake for every notification service: a real HTTP server on 127.0.0.1 answering like
// Discord (204), Telegram ({ok:true}), ntfy, Gotify, Pushover ({status:1}), Apprise and a JSON
// webhook, recording every request. `messages()` gives the JSON/form bodies received.
//   const hooks = await startFakeNotify(); hooks.url, hooks.requests, hooks.fail(...), await hooks.close()
import { RecordingServer, type Recorded } from './recording-server.ts';

export class FakeNotify extends RecordingServer {
  constructor() {
    super((request) => {
      if (request.method !== 'POST') return { status: 405, text: '' };
      if (request.path.startsWith('/api/webhooks/')) return { status: 204, text: '' };
      if (/^\/bot[^/]+\/sendMessage$/.test(request.path)) return { status: 200, json: { ok: true, result: { message_id: 1 } } };
      if (request.path === '/1/messages.json') return { status: 200, json: { status: 1, request: 'r' } };
      return { status: 200, json: { ok: true } };
    });
  }

  /** Bodies of the successful requests, parsed (JSON, else form fields). */
  messages(pathPrefix = '/'): Array<Record<string, unknown>> {
    return this.requests
      .filter((r: Recorded) => r.path.startsWith(pathPrefix) && typeof r.status === 'number' && r.status < 300)
      .map((r) => {
        try {
          return JSON.parse(r.body) as Record<string, unknown>;
        } catch {
          return Object.fromEntries(new URLSearchParams(r.body));
        }
      });
  }
}

export async function startFakeNotify(): Promise<FakeNotify> {
  return new FakeNotify().listen();
}
