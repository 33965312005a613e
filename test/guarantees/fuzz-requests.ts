// Generated hostile requests for the fuzz test (fast-check, fixed seed so a failure replays):
// random JSON, real fixtures with values of the wrong type or hostile paths put anywhere inside,
// deep nesting, huge strings, invalid UTF-8 and wrong content types.
import fc from 'fast-check';
import { arrFixture, webhookFixtureNames, type ArrApp, type JsonObject } from '../support/fake-arr-data.ts';

export type FuzzRequest = {
  method: string;
  path: string;
  contentType: string | null;
  body: Uint8Array | null;
  /** Send the API key (most requests do, so they reach past the key check). */
  withKey: boolean;
  /** What generated the body, for a readable failure. */
  kind: string;
};

export type FuzzTarget = { method: string; path: string };

const encoder = new TextEncoder();

const fixtures: Array<{ app: ArrApp; body: JsonObject }> = (['radarr', 'sonarr'] as const).flatMap((app) =>
  webhookFixtureNames(app).map((name) => ({ app, body: arrFixture(app, name) })),
);

/** Paths a hostile or broken sender might put where a folder or file name goes. */
const hostilePaths = fc.constantFrom(
  '../../../../etc',
  '/movies/../../etc/passwd',
  '/',
  '',
  '/movies',
  '/movies/',
  'C:\\Windows\\System32',
  '\\\\server\\share\\x.mkv',
  '/movies/A (2020)/../../../tmp/x.mkv',
  '/etc/passwd',
  '/movies/\u0000.mkv',
  '%2e%2e%2f%2e%2e%2f',
  '/movies/' + 'x'.repeat(5000),
);

const wrongValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  hostilePaths,
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(null, true, -1, 0, 2 ** 53, -(2 ** 31), 1e308, '', [], {}, 'NaN', '9'.repeat(400)),
);

/** Every path to a value inside a JSON value (objects and arrays). */
function leafPaths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => leafPaths(item, [...prefix, index], out));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) leafPaths(item, [...prefix, key], out);
  return out;
}

function setAt(root: JsonObject, path: Array<string | number>, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  let node: any = root;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path[path.length - 1]!;
  if (remove && !Array.isArray(node)) delete node[last];
  else node[last] = value;
  return root;
}

const mutatedFixture = fc
  .record({
    fixture: fc.nat(),
    edits: fc.array(fc.record({ at: fc.nat(), value: wrongValue, remove: fc.boolean() }), { minLength: 1, maxLength: 6 }),
  })
  .map(({ fixture, edits }) => {
    const chosen = fixtures[fixture % fixtures.length]!;
    let body: unknown = structuredClone(chosen.body);
    for (const edit of edits) {
      const paths = leafPaths(body);
      const path = paths[edit.at % paths.length]!;
      body = path.length === 0 ? body : setAt(body as JsonObject, path, edit.value, edit.remove);
    }
    return { app: chosen.app, bytes: encoder.encode(JSON.stringify(body)), kind: `mutated ${chosen.app} fixture` };
  });

const deepNesting = fc.record({ depth: fc.integer({ min: 500, max: 60_000 }), object: fc.boolean() }).map(({ depth, object }) => ({
  bytes: encoder.encode(object ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`),
  kind: `nesting ${depth} deep`,
}));

const hugeString = fc.record({ fixture: fc.nat(), size: fc.integer({ min: 100_000, max: 1_400_000 }) }).map(({ fixture, size }) => {
  const chosen = fixtures[fixture % fixtures.length]!;
  const body = { ...structuredClone(chosen.body), eventType: 'Download', instanceName: 'é'.repeat(size / 2) };
  return { bytes: encoder.encode(JSON.stringify(body)), kind: `${size}-character string` };
});

const invalidUtf8 = fc.record({ fixture: fc.nat(), at: fc.nat(), junk: fc.uint8Array({ minLength: 1, maxLength: 40 }) }).map(({ fixture, at, junk }) => {
  const text = encoder.encode(JSON.stringify(fixtures[fixture % fixtures.length]!.body));
  const cut = at % text.length;
  // 0xC3 0x28, 0xFF and lone continuation bytes are never valid UTF-8.
  const bad = Uint8Array.from([0xc3, 0x28, 0xff, 0x80, ...junk]);
  return { bytes: Uint8Array.from([...text.slice(0, cut), ...bad, ...text.slice(cut)]), kind: 'invalid UTF-8' };
});

const randomJson = fc.json({ maxDepth: 6 }).map((text) => ({ bytes: encoder.encode(text), kind: 'random JSON' }));
const randomBytes = fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ bytes, kind: 'random bytes' }));
const emptyBody = fc.constant({ bytes: new Uint8Array(0), kind: 'empty body' });

const body = fc.oneof(
  { weight: 30, arbitrary: mutatedFixture },
  { weight: 20, arbitrary: randomJson },
  { weight: 3, arbitrary: deepNesting },
  { weight: 1, arbitrary: hugeString },
  { weight: 10, arbitrary: invalidUtf8 },
  { weight: 6, arbitrary: randomBytes },
  { weight: 3, arbitrary: emptyBody },
);

const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      null,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/vnd.radarr+json',
      'application/json; charset=latin1',
      'application/xml',
      '*/*',
      'json',
      ';;;',
    ),
  },
);

/** Path parameters an attacker or a typo might send. */
const paramValue = fc.constantFrom('1', '2', '0', '-1', '999999999999999999999', 'abc', '1.5', '%2e%2e', '%00', 'x'.repeat(300), '1e3');

export function fuzzRequests(targets: readonly FuzzTarget[], count: number, seed: number): FuzzRequest[] {
  const request = fc
    .record({
      target: fc.constantFrom(...targets),
      params: fc.array(paramValue, { minLength: 4, maxLength: 4 }),
      body,
      contentType,
      keyless: fc.integer({ min: 0, max: 9 }),
    })
    .map(({ target, params, body: generated, contentType: type, keyless }) => {
      let n = 0;
      const path = target.path.replace(/:[A-Za-z]+\??/g, () => params[n++ % params.length]!);
      const hasBody = target.method !== 'GET' && target.method !== 'HEAD';
      return {
        method: target.method,
        path,
        contentType: hasBody ? type : null,
        body: hasBody ? generated.bytes : null,
        withKey: keyless !== 0,
        kind: generated.kind,
      } satisfies FuzzRequest;
    });
  return fc.sample(request, { numRuns: count, seed });
}
