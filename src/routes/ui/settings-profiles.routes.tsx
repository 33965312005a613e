import { Hono, type Context } from 'hono';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import { createProfile, deleteProfile, listProfiles, profileDefaults, updateProfile, type ProfileResult } from '../../admin/profiles.ts';
import type { UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { ProfilesPage, type ProfileFormValues } from '../../../views/settings-profiles.tsx';
import { chromeOf, formFields, sendError, sendPage } from './render.tsx';
import { formErrors } from './settings-form.ts';
import type { AssetUrls } from './static-assets.ts';

const NEW_PROFILE: ProfileFormValues = { name: '', ...profileDefaults };

/** Form text → the JSON shape the profiles API takes (numbers and the default flag typed). */
function profileInput(fields: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of ['name', 'container', 'videoCodec', 'audioCodec', 'preset', 'hwaccel'] as const) {
    if (fields[key] !== undefined) input[key] = fields[key];
  }
  for (const key of ['maxHeight', 'crf'] as const) {
    const text = fields[key]?.trim();
    if (text !== undefined) input[key] = /^-?\d+$/.test(text) ? Number(text) : text;
  }
  input['isDefault'] = fields['isDefault'] === 'true';
  return input;
}

/** What the form showed, so a refused form comes back as typed. */
function typedForm(fields: Record<string, string>): ProfileFormValues {
  // A number that does not parse is shown back as typed, beside its error.
  const n = (text: string | undefined, fallback: number) => (text === undefined ? fallback : /^\d+$/.test(text.trim()) ? Number(text.trim()) : text);
  return {
    name: fields['name'] ?? '',
    container: (fields['container'] as ProfileFormValues['container']) ?? profileDefaults.container,
    videoCodec: (fields['videoCodec'] as ProfileFormValues['videoCodec']) ?? profileDefaults.videoCodec,
    audioCodec: (fields['audioCodec'] as ProfileFormValues['audioCodec']) ?? profileDefaults.audioCodec,
    maxHeight: n(fields['maxHeight'], profileDefaults.maxHeight),
    crf: n(fields['crf'], profileDefaults.crf),
    preset: fields['preset'] ?? profileDefaults.preset,
    hwaccel: (fields['hwaccel'] as ProfileFormValues['hwaccel']) ?? profileDefaults.hwaccel,
    isDefault: fields['isDefault'] === 'true',
  };
}

/** Settings → Profiles: the same create/update/delete rules as /api/v1/profiles. */
export function profileSettingsRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const db = deps.database.db;
  const app = new Hono<UiEnv>();

  const page = async (
    c: Context<UiEnv>,
    options: { newForm?: ProfileFormValues; editForm?: ProfileFormValues; errors?: Record<string, string>; errorsFor?: number; message?: string; status?: 200 | 400 | 404 | 409 | 422 } = {},
  ) =>
    sendPage(
      c,
      <ProfilesPage
        chrome={chromeOf(c, assets)}
        profiles={await listProfiles(db)}
        newForm={options.newForm ?? NEW_PROFILE}
        errors={options.errors ?? {}}
        errorsFor={options.errorsFor}
        editForm={options.editForm}
        message={options.message}
      />,
      options.status ?? 200,
    );

  const after = (c: Context<UiEnv>, result: ProfileResult, id: number | undefined, fields: Record<string, string>, done: string) => {
    if (result.ok) return c.redirect(`/settings/profiles?saved=${encodeURIComponent(done)}`, 303);
    const errors = result.issues ? formErrors(result.issues) : result.status === 409 && /named/.test(result.message) ? { name: result.message } : { _form: result.message };
    return page(c, { ...(id === undefined ? { newForm: typedForm(fields) } : { errorsFor: id, editForm: typedForm(fields) }), errors, status: result.status === 400 ? 422 : result.status });
  };

  app.get('/settings/profiles', (c) => {
    const saved = c.req.query('saved');
    return page(c, saved ? { message: saved } : {});
  });

  app.post('/settings/profiles', async (c) => {
    const fields = await formFields(c);
    const result = await createProfile(db, profileInput(fields));
    return after(c, result, undefined, fields, result.ok ? `Added the profile "${result.profile.name}".` : '');
  });

  app.post('/settings/profiles/:id', async (c) => {
    const parsed = idParamSchema.safeParse(c.req.param('id'));
    if (!parsed.success) return sendError(c, assets, 404, 'There is no such profile.');
    const fields = await formFields(c);
    const result = await updateProfile(db, parsed.data, profileInput(fields));
    return after(c, result, parsed.data, fields, result.ok ? `Saved the profile "${result.profile.name}".` : '');
  });

  app.post('/settings/profiles/:id/delete', async (c) => {
    const parsed = idParamSchema.safeParse(c.req.param('id'));
    if (!parsed.success) return sendError(c, assets, 404, 'There is no such profile.');
    const result = await deleteProfile(db, parsed.data);
    if (!result.ok) return sendError(c, assets, result.status, result.message);
    return c.redirect(`/settings/profiles?saved=${encodeURIComponent(`Deleted the profile "${result.profile.name}".`)}`, 303);
  });

  return app;
}
