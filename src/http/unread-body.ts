import type { MiddlewareHandler } from 'hono';
import type { IncomingMessage } from 'node:http';
import { lingerOnClose } from './lingering-close.ts';

/**
 * A request answered before its body was read (refused for its key, size, type or path) leaves
 * the rest of that body on the connection, and Node then closes the connection after the answer.
 * Saying `Connection: close` in the answer keeps a keep-alive client from sending its next
 * request on that dying connection (it would fail with "socket hang up" through no fault of its
 * own). The close itself lingers (lingering-close.ts), so a client still sending the body reads
 * the answer instead of a reset.
 */
export function closeAfterUnreadBody(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const request = c.req.raw;
    const hasBody = request.headers.has('transfer-encoding') || Number(request.headers.get('content-length') ?? 0) > 0;
    if (hasBody && (!request.bodyUsed || c.res.status === 413)) {
      c.res.headers.set('Connection', 'close');
      // Under @hono/node-server the Node request is in the bindings; app.request() in tests has none.
      const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
      if (incoming?.socket) lingerOnClose(incoming);
    }
  };
}
