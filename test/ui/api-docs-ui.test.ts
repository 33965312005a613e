/**
 * The browsable API page in Chromium: Swagger UI served from our origin under the strict CSP,
 * every documented operation listed, and "Try it out" answered by the service with the session.
 * Screenshot: test-results/screenshots/api-docs-{light,dark}.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAdmin } from '../../src/auth/admin-account.ts';
import { SESSION_COOKIE } from '../../src/auth/session-cookie.ts';
import { createSession } from '../../src/auth/sessions.ts';
import { apiOperations } from '../../src/routes/api/openapi-operations.ts';
import { testBackend } from '../support/test-db.ts';
import { startTestService, type TestService } from '../support/test-service.ts';
import { collectPageProblems, eventually, launchBrowser, saveScreenshots, type TestBrowser } from './browser.ts';

describe(`the API page in Chromium (${testBackend})`, () => {
  let svc: TestService;
  let browser: TestBrowser;

  beforeAll(async () => {
    svc = await startTestService({ workers: () => [] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('sends a visitor without a session to the login page', async () => {
    const { db } = svc.deps.database;
    const account = await createFirstAdmin(db, 'admin', 'correct horse battery');
    if (!account.ok) throw new Error('no account');
    const page = await browser.context.newPage();
    await page.goto(`${svc.url}/settings/api-docs`);
    expect(new URL(page.url()).pathname).toBe('/login');
    const { cookieValue } = await createSession(db, account.userId);
    await browser.context.addCookies([{ name: SESSION_COOKIE, value: cookieValue, url: svc.url }]);
    await page.close();
  });

  it('lists every operation and runs one with the signed-in session', async () => {
    const page = await browser.context.newPage();
    const problems = collectPageProblems(page);
    const external: string[] = [];
    page.on('request', (request) => void (new URL(request.url()).origin !== svc.url && !request.url().startsWith('data:') && external.push(request.url())));
    await page.goto(`${svc.url}/settings/general`);
    await page.click('a[href="/settings/api-docs"]');
    await page.waitForURL(`${svc.url}/settings/api-docs`);
    await eventually(() => page.locator('.opblock').count()).toBe(apiOperations.length);
    await saveScreenshots(page, 'api-docs');

    const status = page.locator('.opblock', { has: page.locator('[data-path="/api/v1/status"]') });
    await status.locator('.opblock-summary').click();
    await status.locator('button.try-out__btn').click();
    await status.locator('button.execute').click();
    await eventually(() => status.locator('.live-responses-table tbody .response-col_status').first().textContent()).toContain('200');
    expect(await status.locator('.live-responses-table tbody .microlight').first().textContent()).toContain('"counts"');

    expect(external).toEqual([]);
    expect(problems).toEqual([]);
  });
});
