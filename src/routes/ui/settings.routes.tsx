import { Hono, type Context } from 'hono';
import { fieldErrors } from '../../admin/admin-schemas.ts';
import { removeCookiesFile, saveCookiesFile } from '../../admin/cookies-file.ts';
import { saveSettings, settingsView } from '../../admin/settings-update.ts';
import { passwordChangeSchema } from '../../auth/account-schemas.ts';
import { changePassword, verifyCredentials } from '../../auth/admin-account.ts';
import { deleteOtherSessions } from '../../auth/sessions.ts';
import { isHtmxRequest, type UiEnv } from '../../auth/ui-auth.ts';
import { readSettings } from '../../db/settings-store.ts';
import type { ServiceDeps } from '../../app/service-deps.ts';
import { DownloadsSettingsForm, MediaSettingsForm, SecuritySettingsForm } from '../../../views/settings-forms.tsx';
import { ApiKeyCard, DownloadsSettingsPage, GeneralSettingsPage, MediaSettingsPage, PasswordForm } from '../../../views/settings-pages.tsx';
import { chromeOf, formFields, sendFragment, sendPage } from './render.tsx';
import { connectionSettingsRoutes } from './settings-connections.routes.tsx';
import { connectionPreviewRoutes } from './connection-preview.routes.tsx';
import { formErrors, formToSettingsUpdate, isSettingsSection, type SettingsSection } from './settings-form.ts';
import { profileSettingsRoutes } from './settings-profiles.routes.tsx';
import { mediaServerSettingsRoutes } from './settings-media-servers.routes.tsx';
import { notificationSettingsRoutes } from './settings-notifications.routes.tsx';
import type { AssetUrls } from './static-assets.ts';

const SAVED = 'Saved.';

/** Settings: the section forms, API key, password and cookies; connections and profiles mounted below. */
export function settingsRoutes(deps: ServiceDeps, assets: AssetUrls): Hono<UiEnv> {
  const db = deps.database.db;
  const app = new Hono<UiEnv>();

  app.get('/settings', (c) => c.redirect('/settings/connections', 303));
  // Before the section forms: their `:section{media|…}` pattern also matches /settings/media-servers.
  app.route('/', mediaServerSettingsRoutes(deps, assets));
  app.route('/', notificationSettingsRoutes(deps, assets));

  app.get('/settings/media', async (c) =>
    sendPage(c, <MediaSettingsPage chrome={chromeOf(c, assets)} settings={settingsView(await readSettings(db))} />),
  );

  app.get('/settings/downloads', async (c) => {
    const flash = c.req.query('cookies');
    const saved = flash === 'saved' ? 'The cookies file is stored.' : flash === 'removed' ? 'The cookies file is removed.' : undefined;
    return sendPage(c, <DownloadsSettingsPage chrome={chromeOf(c, assets)} settings={settingsView(await readSettings(db))} cookiesSaved={saved} />);
  });

  const generalPage = async (c: Context<UiEnv>) =>
    sendPage(
      c,
      <GeneralSettingsPage chrome={chromeOf(c, assets)} settings={settingsView(await readSettings(db))} apiKey={deps.apiKey.current()} pinnedByEnv={deps.apiKey.pinnedByEnv} />,
    );
  app.get('/settings/general', generalPage);

  // One handler for every section form: the same schema as PUT /api/v1/settings decides.
  app.post('/settings/:section{media|downloads|security}', async (c) => {
    const section = c.req.param('section');
    if (!isSettingsSection(section)) return c.notFound();
    const result = await saveSettings({ db, boss: deps.boss }, formToSettingsUpdate(section, await formFields(c)));
    const errors = result.ok ? {} : formErrors(result.issues);
    const status = result.ok ? 200 : 422;
    const stored = settingsView(await readSettings(db));
    // After a refused save the form shows what was typed, not what is stored.
    const shown = result.ok ? stored : { ...stored, ...typedValues(section, await formFields(c)) };
    const saved = result.ok ? SAVED : undefined;
    const token = c.get('session').csrfToken;
    if (!isHtmxRequest(c)) {
      if (section === 'media') return sendPage(c, <MediaSettingsPage chrome={chromeOf(c, assets)} settings={shown} errors={errors} saved={saved} />, status);
      if (section === 'downloads') return sendPage(c, <DownloadsSettingsPage chrome={chromeOf(c, assets)} settings={shown} errors={errors} saved={saved} />, status);
      return generalPage(c);
    }
    const Form = { media: MediaSettingsForm, downloads: DownloadsSettingsForm, security: SecuritySettingsForm }[section];
    return sendFragment(c, <Form settings={shown} csrfToken={token} errors={errors} saved={saved} />, status);
  });

  app.post('/settings/api-key/regenerate', async (c) => {
    try {
      const key = await deps.apiKey.regenerate();
      deps.logger.info('API key regenerated from the settings page');
      return sendFragment(c, <ApiKeyCard apiKey={key} pinnedByEnv={deps.apiKey.pinnedByEnv} saved="A new API key is in use: give it to Radarr and Sonarr." />);
    } catch (err) {
      return sendFragment(c, <ApiKeyCard apiKey={deps.apiKey.current()} pinnedByEnv={deps.apiKey.pinnedByEnv} error={(err as Error).message} />, 409);
    }
  });

  app.post('/settings/password', async (c) => {
    const session = c.get('session');
    const parsed = passwordChangeSchema.safeParse(await formFields(c));
    const answer = (status: 200 | 401 | 422, errors: Record<string, string>, saved?: string) =>
      isHtmxRequest(c) ? sendFragment(c, <PasswordForm csrfToken={session.csrfToken} errors={errors} saved={saved} />, status) : generalPage(c);
    if (!parsed.success) return answer(422, fieldErrors(parsed.error));
    if ((await verifyCredentials(db, session.username, parsed.data.current)) !== session.userId) {
      return answer(401, { current: 'This is not your current password' });
    }
    await changePassword(db, session.userId, parsed.data.password);
    // Anyone else signed in with the old password is signed out.
    await deleteOtherSessions(db, session.userId, session.id);
    return answer(200, {}, 'Password changed. Other sessions are signed out.');
  });

  app.post('/settings/cookies', async (c) => {
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const file = body['cookies'];
    const text = file instanceof File ? await file.text() : typeof file === 'string' ? file : '';
    const result = await saveCookiesFile(db, deps.env.DATA_DIR, text);
    if (result.ok) return c.redirect('/settings/downloads?cookies=saved', 303);
    return sendPage(c, <DownloadsSettingsPage chrome={chromeOf(c, assets)} settings={settingsView(await readSettings(db))} cookiesError={result.message} />, 422);
  });

  app.post('/settings/cookies/delete', async (c) => {
    await removeCookiesFile(db, deps.env.DATA_DIR);
    return c.redirect('/settings/downloads?cookies=removed', 303);
  });

  app.route('/', connectionSettingsRoutes(deps, assets));
  app.route('/', connectionPreviewRoutes(deps, assets));
  app.route('/', profileSettingsRoutes(deps, assets));
  return app;
}

/** The typed values of a refused form, shaped like the settings view (lists split, numbers kept as typed). */
function typedValues(section: SettingsSection, fields: Record<string, string>): Record<string, unknown> {
  const update = formToSettingsUpdate(section, fields);
  return Object.fromEntries(Object.entries(update).filter(([key]) => key !== 'tmdbApiKey'));
}
