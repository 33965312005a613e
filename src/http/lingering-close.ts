// A lingering close, as Apache and nginx do it. When the server answers before it has read a
// request's body (413, a refused key) it says `Connection: close`, and Node then closes the
// socket as soon as the answer is written. Closing a socket whose receive buffer still holds
// bytes the client sent makes the kernel reset the connection, and a client still sending its
// body then fails on its next write (EPIPE/ECONNRESET) — often before it has read the answer
// that was already on its way: Node's http client, and browsers uploading a file, then report a
// reset instead of the 413. So such a socket ends its side after the answer (FIN) and goes on
// reading and discarding what the client still sends, until the client closes (it has read the
// answer) or a bound of time or bytes is reached; only then is it destroyed. Only sockets whose
// answer closes the connection linger: a keep-alive connection is never touched.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** How long a client gets to read the answer and stop sending. */
export const LINGER_MS = 5_000;
/** What is read and discarded at most (nothing is kept; this bounds the work, not memory). */
export const LINGER_BYTES = 64 * 1024 * 1024;

const lingering = new WeakSet<Socket>();

/**
 * Makes the request's socket's next close (Node calls `destroySoon()` once an answer that closes
 * the connection is written) a lingering one. Call while answering the request whose body is unread.
 */
export function lingerOnClose(request: IncomingMessage): void {
  const socket = request.socket;
  if (lingering.has(socket) || socket.destroyed) return;
  lingering.add(socket);
  let started = false;
  // An own property over net.Socket's method, for this socket only.
  socket.destroySoon = () => {
    if (started) return;
    started = true;
    lingerThenDestroy(request, socket);
  };
}

/** How often the bytes read while lingering are compared with the bound. */
const BYTES_CHECK_MS = 50;

function lingerThenDestroy(request: IncomingMessage, socket: Socket): void {
  if (socket.destroyed) return;
  const readBefore = socket.bytesRead;
  const close = () => {
    clearTimeout(timer);
    clearInterval(bytesCheck);
    socket.destroy();
  };
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  // Node's HTTP parser reads the socket itself (no 'data' events on it), and a body Node has
  // dumped is not even handed to the request: the socket's byte count is what says how much came.
  const bytesCheck = setInterval(() => {
    if (socket.bytesRead - readBefore > LINGER_BYTES) close();
  }, BYTES_CHECK_MS);
  bytesCheck.unref();
  // A reader that stopped early (a web stream over the request, cancelled at the size limit)
  // still listens and pauses the request once its queue is full, which would stall the client:
  // the answer is written, so nothing reads this body any more. Flowing with no listener discards.
  request.removeAllListeners('data');
  request.on('error', close);
  // The client closed its side: it has what it needs (or gave up).
  socket.once('end', close);
  socket.once('close', () => {
    clearTimeout(timer);
    clearInterval(bytesCheck);
  });
  // A reset from the client while lingering is the client's way of closing; nothing to report.
  socket.on('error', close);
  // The answer is flushed first, then the FIN; reading goes on (the HTTP server's sockets are half-open capable).
  socket.end();
  request.resume();
}
