// What the route refuses, and how: 401 without the key, 400 naming the problem, 413 over 1 MiB,
// 405 for other methods, 503 when the event cannot be stored — and in none of these cases a row.
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_WEBHOOK_BYTES } from '../../src/routes/webhooks/webhook.routes.ts';
import { testBackend } from '../support/test-db.ts';
import type { TestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import {
  closeWebhookWorld,
  openWebhookWorld,
  clearLibraryRows,
  countRows,
  fixture,
  rawRequest,
  send,
  webhookUrl,
  type Library,
} from './webhook-test-kit.ts';

type ErrorReply = { error: string; message: string; issues?: Array<{ path: string; message: string }> };

describe(`webhook requests: auth, validation, limits (${testBackend})`, () => {
  let svc: TestService;
  let library: Library;
  const download = fixture('radarr', 'webhook-download');

  beforeAll(async () => {
    ({ svc, library } = await openWebhookWorld('none', ['radarr']));
  });
  afterAll(async () => {
    await closeWebhookWorld({ svc, library });
  });
  beforeEach(async () => {
    await clearLibraryRows(svc);
  });

  describe('authentication', () => {
    const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'latin1').toString('base64')}`;

    it.each([
      ['no key at all', {}, ''],
      ['a wrong X-Api-Key', { 'X-Api-Key': 'wrong-key-0123456789' }, ''],
      ['a wrong ?apikey=', {}, '?apikey=wrong-key-0123456789'],
      ['a wrong Bearer token', { Authorization: 'Bearer wrong-key-0123456789' }, ''],
      ['a wrong Basic password', { Authorization: basic('', 'wrong-key-0123456789') }, ''],
      ['the key as Basic user name instead of password', { Authorization: 'KEY' }, ''],
      ['an empty X-Api-Key', { 'X-Api-Key': '' }, ''],
    ])('refuses %s with 401 and stores nothing', async (_label, headers: Record<string, string>, query) => {
      const resolved = Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name, value === 'KEY' ? basic(svc.apiKey, '') : value]),
      );
      const reply = await send(svc, 'radarr', download, { auth: false, headers: resolved, query });
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.text)).toMatchObject({ error: 'unauthorized' });
      expect(await countRows(svc, 'webhook_events')).toBe(0);
    });

    it.each([
      ['X-Api-Key header', () => ({ headers: { 'X-Api-Key': svc.apiKey }, query: '' })],
      ['?apikey= query parameter', () => ({ headers: {}, query: `?apikey=${svc.apiKey}` })],
      ['Authorization: Bearer', () => ({ headers: { Authorization: `Bearer ${svc.apiKey}` }, query: '' })],
      ['Basic auth password with an empty user (Radarr: Username empty, Password = key)', () => ({ headers: { Authorization: basic('', svc.apiKey) }, query: '' })],
      ['Basic auth password with any user name', () => ({ headers: { Authorization: basic('radarr', svc.apiKey) }, query: '' })],
    ])('accepts the key as %s', async (_label, place) => {
      const { headers, query } = place();
      const reply = await send(svc, 'radarr', download, { auth: false, headers, query });
      expect(reply.status).toBe(202);
      expect(await countRows(svc, 'webhook_events')).toBe(1);
    });
  });

  describe('methods', () => {
    it('accepts PUT like POST (a Radarr/Sonarr option)', async () => {
      const reply = await send(svc, 'sonarr', fixture('sonarr', 'webhook-grab'), { method: 'PUT' });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.text)).toMatchObject({ accepted: true, state: 'ignored' });
    });

    it('answers other methods with a JSON 405 naming the allowed ones', async () => {
      const reply = await fetch(webhookUrl(svc, 'radarr'), { headers: { 'X-Api-Key': svc.apiKey } });
      expect(reply.status).toBe(405);
      expect(reply.headers.get('allow')).toBe('POST, PUT');
      expect(await reply.json()).toMatchObject({ error: 'method_not_allowed' });
      expect((await fetch(`${svc.url}/webhooks/lidarr`, { method: 'POST' })).status).toBe(404);
    });
  });

  describe('content type', () => {
    it.each([
      ['text/plain', 'text/plain'],
      ['a form', 'application/x-www-form-urlencoded'],
      ['XML', 'application/xml'],
    ])('refuses %s with 400 naming the header', async (_label, contentType) => {
      const reply = await send(svc, 'radarr', download, { headers: { 'Content-Type': contentType } });
      expect(reply.status).toBe(400);
      const body = JSON.parse(reply.text) as ErrorReply;
      expect(body.error).toBe('unsupported_content_type');
      expect(body.message).toContain(contentType);
      expect(body.issues).toEqual([{ path: '(headers).content-type', message: `expected application/json, got "${contentType}"` }]);
      expect(await countRows(svc, 'webhook_events')).toBe(0);
    });

    it('refuses a body without any Content-Type', async () => {
      const reply = await rawRequest(webhookUrl(svc, 'radarr'), {
        headers: { 'X-Api-Key': svc.apiKey },
        chunks: [Buffer.from(JSON.stringify(download))],
      });
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.text)).toMatchObject({ error: 'unsupported_content_type', message: expect.stringContaining('no Content-Type') });
    });

    it('accepts a charset parameter and +json types', async () => {
      const withCharset = await send(svc, 'radarr', download, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
      expect(withCharset.status).toBe(202);
      const vendor = await send(svc, 'radarr', fixture('radarr', 'webhook-grab'), { headers: { 'Content-Type': 'application/vnd.radarr+json' } });
      expect(vendor.status).toBe(200);
    });
  });

  describe('bad bodies get 400 with each bad field named', () => {
    const expectRefused = async (body: string | Buffer, error: string, issues: Array<{ path: string; message: string | RegExp }>) => {
      const reply = await rawRequest(webhookUrl(svc, 'radarr'), {
        headers: { 'X-Api-Key': svc.apiKey, 'Content-Type': 'application/json' },
        chunks: [Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')],
      });
      expect(reply.status).toBe(400);
      const json = JSON.parse(reply.text) as ErrorReply;
      expect(json.error).toBe(error);
      expect(json.message.length).toBeGreaterThan(10);
      expect(json.issues).toHaveLength(issues.length);
      issues.forEach((issue, i) => {
        expect(json.issues?.[i]?.path).toBe(issue.path);
        if (issue.message instanceof RegExp) expect(json.issues?.[i]?.message).toMatch(issue.message);
        else expect(json.issues?.[i]?.message).toBe(issue.message);
      });
      expect(await countRows(svc, 'webhook_events')).toBe(0);
      return json;
    };

    it('an empty body', async () => {
      await expectRefused('', 'invalid_body', [{ path: '(body)', message: 'empty' }]);
      await expectRefused('  \n', 'invalid_body', [{ path: '(body)', message: 'empty' }]);
    });

    it('truncated JSON', async () => {
      const text = JSON.stringify(download, null, 2);
      const json = await expectRefused(text.slice(0, text.length / 2), 'invalid_json', [{ path: '(body)', message: /^not valid JSON: / }]);
      expect(json.message).toMatch(/not valid JSON \(truncated or malformed\)/);
    });

    it.each([['[]'], ['"Download"'], ['42'], ['null'], ['true']])('a body that is not an object: %s', async (text) => {
      await expectRefused(text, 'invalid_body', [{ path: '(body)', message: 'expected a JSON object' }]);
    });

    it('bytes that are not UTF-8', async () => {
      await expectRefused(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'invalid_body', [{ path: '(body)', message: 'not valid UTF-8' }]);
    });

    it('wrong types in the fields the service acts on', async () => {
      const bad = structuredClone(download);
      bad.movie.id = '57';
      bad.movie.folderPath = 5;
      bad.movieFile.relativePath = ['x'];
      const json = await expectRefused(JSON.stringify(bad), 'invalid_body', [
        { path: 'movie.id', message: /expected number, received string/ },
        { path: 'movie.folderPath', message: /expected string, received number/ },
        { path: 'movieFile.relativePath', message: /expected string, received array/ },
      ]);
      expect(json.message).toMatch(/^The webhook body is not a valid Radarr event: movie\.id: .*movie\.folderPath: .*movieFile\.relativePath: /);
    });

    it('a missing movie and a missing or non-string eventType', async () => {
      const { movie: _movie, ...noMovie } = download;
      await expectRefused(JSON.stringify(noMovie), 'invalid_body', [{ path: 'movie', message: 'missing (expected object)' }]);
      const { eventType: _type, ...noType } = download;
      await expectRefused(JSON.stringify(noType), 'invalid_body', [{ path: 'eventType', message: 'missing (expected string)' }]);
      await expectRefused(JSON.stringify({ ...download, eventType: 42 }), 'invalid_body', [{ path: 'eventType', message: /expected string/ }]);
    });
  });

  describe('size limit', () => {
    // An otherwise valid Download event padded with an unknown key to exactly `size` bytes.
    const paddedBody = (size: number): Buffer => {
      const base = JSON.stringify({ ...download, padding: '' });
      const text = JSON.stringify({ ...download, padding: 'x'.repeat(size - Buffer.byteLength(base)) });
      expect(Buffer.byteLength(text)).toBe(size);
      return Buffer.from(text);
    };
    const headers = () => ({ 'X-Api-Key': svc.apiKey, 'Content-Type': 'application/json' });

    it('accepts a body of exactly 1 MiB', async () => {
      const reply = await rawRequest(webhookUrl(svc, 'radarr'), { headers: headers(), chunks: [paddedBody(MAX_WEBHOOK_BYTES)] });
      expect(reply.status).toBe(202);
    });

    it('refuses one byte more with 413, by Content-Length', async () => {
      const reply = await rawRequest(webhookUrl(svc, 'radarr'), { headers: headers(), chunks: [paddedBody(MAX_WEBHOOK_BYTES + 1)] });
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.text)).toMatchObject({ error: 'payload_too_large' });
      expect(await countRows(svc, 'webhook_events')).toBe(0);
    });

    it('refuses a chunked body without Content-Length once it passes 1 MiB', async () => {
      const body = paddedBody(2 * MAX_WEBHOOK_BYTES);
      const chunks: Buffer[] = [];
      for (let at = 0; at < body.length; at += 64 * 1024) chunks.push(body.subarray(at, at + 64 * 1024));
      const reply = await rawRequest(webhookUrl(svc, 'radarr'), { headers: headers(), chunks, contentLength: false });
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.text)).toMatchObject({ error: 'payload_too_large' });
      expect(await countRows(svc, 'webhook_events')).toBe(0);
    });

    it('accepts a small chunked body', async () => {
      const text = Buffer.from(JSON.stringify(download));
      const reply = await rawRequest(webhookUrl(svc, 'radarr'), {
        headers: headers(),
        chunks: [text.subarray(0, 100), text.subarray(100)],
        contentLength: false,
      });
      expect(reply.status).toBe(202);
    });
  });

  describe('odd requests never reach a 500', () => {
    it('malformed percent-encoding in ?connection= and ?apikey= is read as text', async () => {
      const hinted = await send(svc, 'radarr', download, { query: '?connection=%E0%A4%A' });
      expect(hinted.status).toBe(202);
      expect(JSON.parse(hinted.text)).toMatchObject({ state: 'needs-setup', message: expect.stringContaining('no Radarr connection is named') });
      const badKey = await send(svc, 'radarr', download, { auth: false, query: '?apikey=%ZZ%' });
      expect(badKey.status).toBe(401);
    });

    it('a sender that hangs up mid-body leaves a request log line and no error', async () => {
      const socket = connect(svc.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        [
          'POST /webhooks/radarr?hangup=1 HTTP/1.1',
          'Host: 127.0.0.1',
          `X-Api-Key: ${svc.apiKey}`,
          'Content-Type: application/json',
          'Transfer-Encoding: chunked',
          '',
          '10',
          '{"eventType":"Do',
          '',
        ].join('\r\n'),
      );
      socket.destroy();
      const line = await waitFor(() => svc.logs.find((entry) => entry.msg === 'request' && String(entry.url).includes('hangup=1')), {
        what: 'the request log line of the aborted webhook',
      });
      expect(line.status).toBeLessThan(500);
      expect(svc.logs.filter((entry) => entry.msg === 'unhandled error')).toEqual([]);
      expect(await countRows(svc, 'webhook_events')).toBe(0);
    });
  });

  // Last: it takes the database away from the running service.
  it('answers 503, never 2xx, when the event cannot be stored', async () => {
    await svc.boss.stop({ graceful: false, close: true });
    await svc.deps.database.close();
    const reply = await send(svc, 'radarr', download);
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.text)).toMatchObject({ error: 'unavailable', message: expect.stringContaining('could not store this event') });
    // Validation still answers 400 without the database.
    expect((await send(svc, 'radarr', '{"eventType":')).status).toBe(400);
  });
});
