// The clip server is used by other developers' pipeline tests, so its behaviours are pinned here.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClipServer, type ClipServer } from '../support/clip-server.ts';
import { SUBTITLE_CUES, webvttFor } from '../support/clip-subtitles.ts';
import { makeClip } from '../support/make-clip.ts';

let server: ClipServer;
let clip: Buffer;

beforeAll(async () => {
  const file = await makeClip();
  clip = await readFile(file);
  server = await startClipServer({ defaultClip: file });
});
afterAll(async () => {
  await server.close();
});

/** Reads a body until it ends or fails; returns what arrived and whether it failed. */
async function drain(response: Response, stopAfterBytes = Infinity): Promise<{ bytes: Buffer; failed: boolean }> {
  const reader = response.body!.getReader();
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: Buffer.concat(chunks), failed: false };
      chunks.push(Buffer.from(value));
      received += value.length;
      if (received >= stopAfterBytes) {
        await reader.cancel();
        return { bytes: Buffer.concat(chunks), failed: false };
      }
    }
  } catch {
    return { bytes: Buffer.concat(chunks), failed: true };
  }
}

describe('clip server', () => {
  it('serves the default clip for any id, with the right headers', async () => {
    const response = await fetch(server.url('603'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe(String(clip.length));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer()).equals(clip)).toBe(true);
    expect(server.urlTemplate.replace('{id}', '603')).toBe(server.url('603'));
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/clips/603.mp4', id: '603', status: 200 });
  });

  it('answers byte ranges, suffix ranges and unsatisfiable ranges', async () => {
    const part = await fetch(server.url('r'), { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${clip.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(clip.subarray(100, 200))).toBe(true);

    const tail = await fetch(server.url('r'), { headers: { range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(clip.subarray(clip.length - 10))).toBe(true);

    const open = await fetch(server.url('r'), { headers: { range: `bytes=${clip.length - 5}-` } });
    expect((await open.arrayBuffer()).byteLength).toBe(5);

    const bad = await fetch(server.url('r'), { headers: { range: `bytes=${clip.length}-` } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe(`bytes */${clip.length}`);
  });

  it('answers HEAD without a body and types other extensions', async () => {
    const head = await fetch(server.url('h', 'webm'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('video/webm');
    expect(head.headers.get('content-length')).toBe(String(clip.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it.each([403, 404, 429, 500])('answers %d on demand', async (status) => {
    server.behave(`status-${status}`, { kind: 'status', status, retryAfterSeconds: 30 });
    const response = await fetch(server.url(`status-${status}`));
    expect(response.status).toBe(status);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(server.requests.at(-1)?.status).toBe(status);
  });

  it('404s paths outside /clips, and unknown ids when asked to', async () => {
    expect((await fetch(`${server.baseUrl}/elsewhere`)).status).toBe(404);
    const strict = await startClipServer({ unknownIds: 'not-found' });
    try {
      expect((await fetch(strict.url('603'))).status).toBe(404);
      strict.behave('603', { kind: 'clip' });
      expect((await fetch(strict.url('603'))).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('serves a DASH presentation beside its manifest, and nothing outside it', async () => {
    const manifest = await fetch(server.dashUrl('d'));
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toBe('application/dash+xml');
    const text = await manifest.text();
    expect(text).toContain('<MPD');
    const init = await fetch(new URL('init-stream0.m4s', server.dashUrl('d')));
    expect(init.status).toBe(200);
    expect(init.headers.get('content-type')).toBe('video/iso.segment');
    expect((await fetch(new URL('no-such-segment.m4s', server.dashUrl('d')))).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/dash/d/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    server.behave('d-busy', { kind: 'status', status: 429 });
    expect((await fetch(server.dashUrl('d-busy'))).status).toBe(429);
  });

  it('serves a page that embeds the clip with its claimed duration', async () => {
    const page = await fetch(server.pageUrl('p', 150));
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    const data = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? 'null') as Record<string, unknown>;
    expect(data).toMatchObject({ '@type': 'VideoObject', duration: 'PT150S', contentUrl: server.url('p') });
  });

  it('serves a page whose <video> has a WebVTT <track> per language, and the tracks themselves', async () => {
    const page = await (await fetch(server.subtitledPageUrl('s', ['en', 'de', 'es']))).text();
    expect(page).toContain(`<source src="${server.url('s')}" type="video/mp4">`);
    for (const language of ['en', 'de', 'es']) {
      expect(page).toContain(`<track kind="subtitles" srclang="${language}" label="${language}" src="${server.baseUrl}/subs/s/${language}.vtt">`);
    }
    const english = await fetch(`${server.baseUrl}/subs/s/en.vtt`);
    expect(english.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    expect(await english.text()).toBe(webvttFor('en'));
    expect(await (await fetch(`${server.baseUrl}/subs/s/de.vtt`)).text()).toContain(SUBTITLE_CUES['de']);
    expect((await fetch(`${server.baseUrl}/subs/s/es.vtt`)).status).toBe(404);
  });

  it('throttles: the whole clip arrives, no faster than the rate allows', async () => {
    server.behave('slow', { kind: 'throttle', bytesPerSecond: 200_000 });
    const started = Date.now();
    const { bytes, failed } = await drain(await fetch(server.url('slow')));
    expect(failed).toBe(false);
    expect(bytes.equals(clip)).toBe(true);
    // A lower bound only: the server cannot send faster than its rate, however fast the machine.
    expect(Date.now() - started).toBeGreaterThanOrEqual(((clip.length - 20_000) / 200_000) * 1000);
  });

  it('drops the connection after the given bytes', async () => {
    server.behave('drop', { kind: 'drop', afterBytes: 10_000 });
    const { bytes, failed } = await drain(await fetch(server.url('drop')));
    expect(failed).toBe(true);
    expect(bytes.equals(clip.subarray(0, 10_000))).toBe(true);
  });

  it('streams without end and without a length', async () => {
    server.behave('endless', { kind: 'endless' });
    const response = await fetch(server.url('endless'));
    expect(response.headers.get('content-length')).toBeNull();
    const { bytes } = await drain(response, 3_000_000);
    expect(bytes.length).toBeGreaterThanOrEqual(3_000_000);
  });

  it('stalls after the given bytes until the server closes', async () => {
    const stalling = await startClipServer();
    stalling.behave('stall', { kind: 'stall', afterBytes: 10_000 });
    const reader = (await fetch(stalling.url('stall'))).body!.getReader();
    let received = 0;
    while (received < 10_000) {
      const { done, value } = await reader.read();
      expect(done).toBe(false);
      received += value?.length ?? 0;
    }
    // All promised bytes are in; the next read waits until close() cuts the connection.
    const next = reader.read().then(
      () => 'data',
      () => 'cut',
    );
    await stalling.close();
    expect(await next).toBe('cut');
    expect(received).toBe(10_000);
  });
});
