// NUL and other control characters in any text a client sends are a 400 naming the field, on the
// JSON API and in the pages' forms; before, a NUL reached the database (500) and the error log
// line carried the failed query's values, the TMDB key among them. Database errors are logged
// without their values.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../../src/db/settings-store.ts';
import { createAdmin, type AdminSession } from '../../guarantees/admin-session.ts';
import { seedConnection, seedMedia } from '../../ui/seed.ts';
import { apiClient } from '../../ui/api-client.ts';
import { testBackend } from '../../support/test-db.ts';
import { startTestService, type TestService } from '../../support/test-service.ts';

const SECRET = 'tmdb-secret-0123456789abcdef';

describe(`control characters in requests (${testBackend})`, () => {
  let svc: TestService;
  let admin: AdminSession;
  const api = (path: string, method: string, json: unknown) => apiClient(svc)(path, { method, json });

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    admin = await createAdmin(svc);
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('JSON routes answer 400 naming the field, and nothing is stored or logged', async () => {
    const connectionId = (await seedConnection(svc.deps.database.db)).id;
    const item = await seedMedia(svc.deps.database.db, connectionId, { title: 'Arrival' });
    const cases: Array<[string, string, unknown, string]> = [
      ['/api/v1/settings', 'PUT', { tmdbApiKey: `${SECRET}\u0000` }, 'tmdbApiKey'],
      ['/api/v1/settings', 'PUT', { excludeKeywords: ['cam', 'a\u0000b'] }, 'excludeKeywords.1'],
      ['/api/v1/settings', 'PUT', { preferredChannels: ['\u001b[31mred'] }, 'preferredChannels.0'],
      ['/api/v1/profiles', 'POST', { name: 'HD\u0000' }, 'name'],
      [`/api/v1/media/${item.id}/source-url`, 'PUT', { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ\u0000' }, 'url'],
      ['/api/v1/connections', 'POST', { name: 'Radarr\u0085', kind: 'radarr', baseUrl: 'http://radarr:7878', apiKey: 'k' }, 'name'],
    ];
    for (const [path, method, body, field] of cases) {
      const res = await api(path, method, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: field }] });
    }
    expect((await readSettings(svc.deps.database.db)).tmdbApiKey).toBeUndefined();
    expect(svc.rawLogs.join('\n')).not.toContain(SECRET);
    expect(svc.logs.filter((line) => Number(line['level']) >= 50)).toEqual([]);
  });

  it('a page form with a control character is a 400 page, nothing stored', async () => {
    const res = await fetch(`${svc.url}/settings/media`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: admin.csrfToken, excludeKeywords: 'cam\nscreener\u0000', tmdbApiKey: `${SECRET}\u0000` }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('control character');
    const settings = await readSettings(svc.deps.database.db);
    expect(settings.tmdbApiKey).toBeUndefined();
    expect(settings.excludeKeywords).toEqual([]);
  });

  it('a failed query is logged with its statement and reason, never its values', async () => {
    const error = await svc.deps.database.db.execute(sql`select ${SECRET}::int as n`).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    svc.deps.logger.error({ err: error }, 'query failed');
    const line = svc.rawLogs.find((raw) => raw.includes('query failed')) ?? '';
    expect(line).toContain('select');
    expect(line).not.toContain(SECRET);
  });
});
