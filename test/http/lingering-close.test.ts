// A request refused before its body is read gets its answer with `Connection: close`, and the
// server keeps reading (and discarding) what the client still sends until the client closes, so
// a client that is still writing its body reads the answer instead of a reset (EPIPE/ECONNRESET).
// Driven with a raw TCP client, which sees exactly what the server does: the answer, its FIN,
// and whether writes after the answer still get through.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINGER_BYTES, LINGER_MS } from '../../src/http/lingering-close.ts';
import { MAX_WEBHOOK_BYTES } from '../../src/routes/webhooks/webhook.routes.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';

const CHUNK = Buffer.alloc(256 * 1024, 'a');
/** Sent after the answer arrived: more than the server's socket buffers hold, well under the linger bound. */
const AFTER_ANSWER_BYTES = 8 * 1024 * 1024;

type Exchange = { head: string; writeError: string | null; closedWithError: boolean; serverEnded: boolean };

function writeChunk(socket: Socket, data: Buffer): Promise<void> {
  const framed = Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
  return new Promise((resolve, reject) => socket.write(framed, (err) => (err ? reject(err) : resolve())));
}

/**
 * Streams a chunked body until the answer's head has arrived, then goes on sending
 * AFTER_ANSWER_BYTES as a client that has not looked at its socket yet would, then finishes the
 * body and closes its side.
 */
async function postWhileReading(url: string, path: string, headers: Record<string, string>): Promise<Exchange> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port), allowHalfOpen: true });
  let received = '';
  let serverEnded = false;
  let closedWithError = false;
  let socketError: string | null = null;
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('end', () => (serverEnded = true));
  socket.on('error', (err) => (socketError = String(err)));
  const closed = new Promise<void>((resolve) => socket.once('close', (hadError) => ((closedWithError = hadError), resolve())));
  await new Promise<void>((resolve) => socket.once('connect', resolve));

  const head = [`POST ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Content-Type: application/json', 'Transfer-Encoding: chunked'];
  for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`);
  socket.write(`${head.join('\r\n')}\r\n\r\n`);
  let writeError: string | null = null;
  try {
    // Until the answer's head is here (the server answers once it has seen enough of the body).
    for (let sent = 0; !received.includes('\r\n\r\n'); sent += CHUNK.length) {
      if (sent > 64 * 1024 * 1024) throw new Error('no answer after 64 MiB');
      await writeChunk(socket, CHUNK);
    }
    for (let sent = 0; sent < AFTER_ANSWER_BYTES; sent += CHUNK.length) await writeChunk(socket, CHUNK);
    await new Promise<void>((resolve, reject) => socket.end('0\r\n\r\n', () => (socketError ? reject(new Error(socketError)) : resolve())));
  } catch (err) {
    writeError = String(err);
    socket.destroy();
  }
  await closed;
  return { head: received.split('\r\n\r\n', 1)[0] ?? '', writeError: writeError ?? socketError, closedWithError, serverEnded };
}

/** Opens a connection and sends a chunked POST's head and body until the answer's head is back. */
async function startRefusedPost(url: string, path: string): Promise<{ socket: Socket; received: () => string; closed: Promise<boolean> }> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port), allowHalfOpen: true });
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => {});
  const closed = new Promise<boolean>((resolve) => socket.once('close', resolve));
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
  while (!received.includes('\r\n\r\n')) await writeChunk(socket, CHUNK);
  return { socket, received: () => received, closed };
}

describe(`a refused request body is drained, not reset (${testBackend})`, () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('a webhook body over the limit: 413 with Connection: close, the rest is read until the client closes', async () => {
    expect(AFTER_ANSWER_BYTES + MAX_WEBHOOK_BYTES).toBeLessThan(LINGER_BYTES);
    const exchange = await postWhileReading(svc.url, '/webhooks/radarr', { 'X-Api-Key': svc.apiKey });
    expect(exchange.head).toMatch(/^HTTP\/1\.1 413 /);
    expect(exchange.head).toMatch(/\r\nconnection: close/i);
    expect(exchange.writeError).toBeNull();
    expect(exchange.closedWithError).toBe(false);
    expect(exchange.serverEnded).toBe(true);
  });

  it('a webhook without its key (body never read): 401, and the same lingering close', async () => {
    const exchange = await postWhileReading(svc.url, '/webhooks/radarr', {});
    expect(exchange.head).toMatch(/^HTTP\/1\.1 401 /);
    expect(exchange.head).toMatch(/\r\nconnection: close/i);
    expect(exchange.writeError).toBeNull();
    expect(exchange.closedWithError).toBe(false);
    expect(exchange.serverEnded).toBe(true);
  });

  it('a client that never stops sending is cut off after the byte bound', async () => {
    const post = await startRefusedPost(svc.url, '/webhooks/radarr');
    let afterAnswer = 0;
    let failed = false;
    while (!failed && afterAnswer <= 2 * LINGER_BYTES) {
      await writeChunk(post.socket, CHUNK).then(
        () => (afterAnswer += CHUNK.length),
        () => (failed = true),
      );
    }
    expect(failed).toBe(true);
    expect(afterAnswer).toBeLessThan(2 * LINGER_BYTES);
    await post.closed;
  });

  it('a client that sends slowly and never finishes is closed after the time bound', async () => {
    const post = await startRefusedPost(svc.url, '/webhooks/radarr');
    const answered = Date.now();
    expect(post.received()).toMatch(/^HTTP\/1\.1 401 /);
    // A byte every 100 ms: far under the byte bound, so only the time bound ends it.
    let failed = false;
    while (!failed && Date.now() - answered < LINGER_MS + 5_000) {
      await writeChunk(post.socket, Buffer.from('a')).catch(() => (failed = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(failed).toBe(true);
    expect(Date.now() - answered).toBeGreaterThanOrEqual(LINGER_MS - 200);
    post.socket.destroy();
  });
});
