import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import { MAX_COOKIES_BYTES, removeCookiesFile, saveCookiesFile } from '../../admin/cookies-file.ts';
import { createProfile, deleteProfile, getProfile, listProfiles, updateProfile, type ProfileResult } from '../../admin/profiles.ts';
import { saveSettings, settingsView } from '../../admin/settings-update.ts';
import { readSettings } from '../../db/settings-store.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { errorJson } from '../../http/errors.ts';
import { readJsonValue, validated } from './json-request.ts';

function profileReply(c: Context, result: ProfileResult, okStatus: 200 | 201) {
  if (result.ok) return c.json(result.profile, okStatus);
  return errorJson(c, result.status, result.error, result.message, result.issues ? { issues: result.issues } : {});
}

/** /api/v1/settings (secrets masked), the cookies file, and /api/v1/profiles. */
export function settingsApiRoutes(deps: ServiceDeps): Hono {
  const db = deps.database.db;
  const app = new Hono();
  const profileId = validated('param', z.object({ id: idParamSchema }), 'profile id');

  app.get('/api/v1/settings', async (c) => c.json(settingsView(await readSettings(db))));

  app.put('/api/v1/settings', async (c) => {
    const body = await readJsonValue(c);
    if (!body.ok) return body.response;
    const result = await saveSettings({ db, boss: deps.boss }, body.data);
    if (!result.ok) {
      return errorJson(c, 400, 'invalid_request', `The settings are not valid: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues: result.issues });
    }
    return c.json(settingsView(result.settings));
  });

  // The cookies file travels as the raw text of cookies.txt (Content-Type text/plain).
  app.put('/api/v1/settings/cookies', async (c) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > MAX_COOKIES_BYTES) return errorJson(c, 413, 'payload_too_large', 'The cookies file is larger than 1 MiB.');
    const result = await saveCookiesFile(db, deps.env.DATA_DIR, await c.req.text());
    if (!result.ok) return errorJson(c, 400, 'invalid_request', result.message);
    return c.json({ cookiesFileUploaded: true });
  });

  app.delete('/api/v1/settings/cookies', async (c) => {
    await removeCookiesFile(db, deps.env.DATA_DIR);
    return c.json({ cookiesFileUploaded: false });
  });

  app.get('/api/v1/profiles', async (c) => c.json(await listProfiles(db)));

  app.post('/api/v1/profiles', async (c) => {
    const body = await readJsonValue(c);
    if (!body.ok) return body.response;
    return profileReply(c, await createProfile(db, body.data), 201);
  });

  app.get('/api/v1/profiles/:id', profileId, async (c) => {
    const { id } = c.req.valid('param');
    const profile = await getProfile(db, id);
    return profile ? c.json(profile) : errorJson(c, 404, 'not_found', `No profile with id ${id}`);
  });

  app.put('/api/v1/profiles/:id', profileId, async (c) => {
    const { id } = c.req.valid('param');
    const body = await readJsonValue(c);
    if (!body.ok) return body.response;
    return profileReply(c, await updateProfile(db, id, body.data), 200);
  });

  app.delete('/api/v1/profiles/:id', profileId, async (c) => {
    const { id } = c.req.valid('param');
    return profileReply(c, await deleteProfile(db, id), 200);
  });

  return app;
}
