import { Hono, type Context } from 'hono';
import { idParamSchema } from '../../admin/admin-schemas.ts';
import { createProfile, deleteProfile, getProfile, listProfiles, updateProfile, type ProfileResult } from '../../admin/profiles.ts';
import type { UiEnv } from '../../auth/ui-auth.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { listConnections } from '../../connections/connection-store.ts';
import { ProfilesPage, type ProfileFormValues } from '../../../views/settings-profiles.tsx';
import { readForm } from './outbound-form.ts';
import { formOfProfile, NEW_PROFILE_FORM, profileFormErrors, profileInput, typedProfileForm } from './profile-form.ts';
import { chromeOf, sendError, sendPage } from './render.tsx';
import type { AssetUrls } from './static-assets.ts';

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
        connections={(await listConnections(db)).map(({ id, name, kind }) => ({ id, name, kind }))}
        newForm={options.newForm ?? NEW_PROFILE_FORM}
        formOf={formOfProfile}
        errors={options.errors ?? {}}
        errorsFor={options.errorsFor}
        editForm={options.editForm}
        message={options.message}
      />,
      options.status ?? 200,
    );

  const after = (c: Context<UiEnv>, result: ProfileResult, id: number | undefined, typed: ProfileFormValues, done: string) => {
    if (result.ok) return c.redirect(`/settings/profiles?saved=${encodeURIComponent(done)}`, 303);
    const errors = result.issues ? profileFormErrors(result.issues, typed) : result.status === 409 && /named/.test(result.message) ? { name: result.message } : { _form: result.message };
    return page(c, { ...(id === undefined ? { newForm: typed } : { errorsFor: id, editForm: typed }), errors, status: result.status === 400 ? 422 : result.status });
  };

  app.get('/settings/profiles', (c) => {
    const saved = c.req.query('saved');
    return page(c, saved ? { message: saved } : {});
  });

  app.post('/settings/profiles', async (c) => {
    const typed = typedProfileForm(await readForm(c));
    const result = await createProfile(db, profileInput(typed));
    return after(c, result, undefined, typed, result.ok ? `Added the profile "${result.profile.name}".` : '');
  });

  app.post('/settings/profiles/:id', async (c) => {
    const parsed = idParamSchema.safeParse(c.req.param('id'));
    if (!parsed.success) return sendError(c, assets, 404, 'There is no such profile.');
    const stored = await getProfile(db, parsed.data);
    if (!stored) return sendError(c, assets, 404, 'There is no such profile.');
    const typed = typedProfileForm(await readForm(c), formOfProfile(stored));
    const result = await updateProfile(db, parsed.data, profileInput(typed));
    return after(c, result, parsed.data, typed, result.ok ? `Saved the profile "${result.profile.name}".` : '');
  });

  app.post('/settings/profiles/:id/delete', async (c) => {
    const parsed = idParamSchema.safeParse(c.req.param('id'));
    if (!parsed.success) return sendError(c, assets, 404, 'There is no such profile.');
    const result = await deleteProfile(db, parsed.data);
    if (!result.ok && result.status === 409) return page(c, { errorsFor: parsed.data, errors: { _form: result.message }, status: 409 });
    if (!result.ok) return sendError(c, assets, result.status, result.message);
    return c.redirect(`/settings/profiles?saved=${encodeURIComponent(`Deleted the profile "${result.profile.name}".`)}`, 303);
  });

  return app;
}
