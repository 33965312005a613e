// The pure part of the route: content type, decoding, parsing, the refusal messages, the key.
import { describe, expect, it } from 'vitest';
import { displayText, logText } from '../../src/inbox/event-text.ts';
import { isJsonContentType, readWebhookBody } from '../../src/routes/webhooks/webhook-body.ts';
import { arrFixtureText } from '../support/fake-arr-data.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['application/vnd.api+json', true],
    ['application/problem+json;q=1', true],
    ['text/json', false],
    ['text/plain', false],
    ['application/jsonp', false],
    ['multipart/form-data; boundary=x', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (header, expected) => {
    expect(isJsonContentType(header)).toBe(expected);
  });
});

describe('readWebhookBody', () => {
  it('reads a real Radarr Download: event, action, verbatim text and a dedupe key', () => {
    const text = arrFixtureText('radarr', 'webhook-download');
    const read = readWebhookBody('radarr', bytes(text));
    if (!read.ok) throw new Error(read.message);
    expect(read.text).toBe(text);
    expect(read.eventType).toBe('Download');
    expect(read.action).toMatchObject({ type: 'ensure', item: { arrId: 57, folderPath: '/movies/Arrival (2016)' } });
    expect(read.dedupeKey).toMatch(/^radarr:Download:[0-9a-f]{64}$/);
  });

  it('a UTF-8 byte order mark is not part of the text', () => {
    const text = arrFixtureText('sonarr', 'webhook-test');
    const read = readWebhookBody('sonarr', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(text)]));
    expect(read.ok && read.text === text).toBe(true);
  });

  it('names a Sonarr event as Sonarr in its refusal', () => {
    const read = readWebhookBody('sonarr', bytes('{"eventType":"Download","series":{"id":7}}'));
    expect(read).toMatchObject({
      ok: false,
      error: 'invalid_body',
      issues: [
        { path: 'series.title', message: 'missing (expected string)' },
        { path: 'series.path', message: 'missing (expected string)' },
      ],
    });
    expect(!read.ok && read.message).toBe(
      'The webhook body is not a valid Sonarr event: series.title: missing (expected string); series.path: missing (expected string).',
    );
  });

  it('lists five problems in the message and counts the rest', () => {
    const movie = { id: 'a', title: 1, year: 'b', folderPath: 2, tmdbId: 'c', imdbId: 3 };
    const read = readWebhookBody('radarr', bytes(JSON.stringify({ eventType: 'MovieAdded', movie })));
    if (read.ok) throw new Error('expected a refusal');
    expect(read.issues).toHaveLength(6);
    expect(read.message).toMatch(/movie\.id: .*; movie\.title: .*; movie\.year: .*; movie\.folderPath: .*; movie\.tmdbId: .* \(and 1 more\)\.$/);
  });

  it('keeps an unknown future event type, with a storable key however long or odd its name', () => {
    const odd = `Teleport\u0000${'x'.repeat(5000)}`;
    const read = readWebhookBody('radarr', bytes(JSON.stringify({ eventType: odd, instanceName: 'Radarr' })));
    if (!read.ok) throw new Error(read.message);
    expect(read.action).toEqual({ type: 'none', reason: `unknown event type "${odd}": kept, not acted on` });
    expect(read.eventType).toBe(odd);
    expect(read.dedupeKey).toMatch(/^radarr:long:[0-9a-f]{64}$/);
    const plain = readWebhookBody('radarr', bytes('{"eventType":"Teleport"}'));
    expect(plain.ok && plain.dedupeKey).toMatch(/^radarr:Teleport:[0-9a-f]{64}$/);
  });
});

describe('displayText', () => {
  it('replaces NUL, bounds the length and passes absence through', () => {
    expect(displayText('a\u0000b')).toBe('a\uFFFDb');
    expect(displayText('x'.repeat(300))).toBe(`${'x'.repeat(199)}…`);
    expect(displayText('Radarr 4K')).toBe('Radarr 4K');
    expect(displayText(undefined)).toBeNull();
    expect(displayText(null)).toBeNull();
    expect(logText('y'.repeat(5000))).toHaveLength(2000);
  });
});
