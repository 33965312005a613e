// Reads a request body with a byte cap, whether or not the sender declared Content-Length: a
// chunked body is counted as it arrives and reading stops at the first byte over the cap.

export type CappedBody = { ok: true; bytes: Uint8Array } | { ok: false; why: 'too-large' | 'unreadable' };

export async function readCappedBody(request: Request, maxBytes: number): Promise<CappedBody> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) return { ok: false, why: 'too-large' };
  if (declared !== null && /^\d+$/.test(declared)) {
    // A declared length is enforced by Node's HTTP parser, so the body cannot outgrow the cap:
    // read it whole, which @hono/node-server does straight from the socket without building a
    // web stream (a third of the request path's CPU at a thousand webhooks a second).
    try {
      return { ok: true, bytes: new Uint8Array(await request.arrayBuffer()) };
    } catch {
      return { ok: false, why: 'unreadable' };
    }
  }
  if (request.body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // The rest is left unread; the HTTP server drains or closes the connection after replying.
        await reader.cancel().catch(() => {});
        return { ok: false, why: 'too-large' };
      }
      parts.push(value);
    }
  } catch {
    // The sender went away mid-body: there is no one to answer, but never a 500 in the log.
    return { ok: false, why: 'unreadable' };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return { ok: true, bytes };
}
