/**
 * Debian's Chromium driven by playwright-core, as the UI tests use it.
 *
 *   const browser = await launchBrowser();
 *   const page = await browser.context.newPage();
 *   await saveScreenshots(page, 'dashboard');   // test-results/screenshots/dashboard-{light,dark}.png
 *   await browser.close();                       // also removes the profile directory
 *
 * Playwright refuses `--user-data-dir` in `launch()` args; a persistent context on a fresh temp
 * directory is the same thing (a new, empty profile per run) and is removed on close.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export type TestBrowser = { context: BrowserContext; close(): Promise<void> };

/** `timezoneId` (IANA name) is the browser's own time zone; the machine's when absent. */
export async function launchBrowser(options: { timezoneId?: string } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'previewarr-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Full-page screenshots in the light and the dark theme (the page follows prefers-color-scheme). */
export async function saveScreenshots(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const files: string[] = [];
  // A full-page capture of a scrolled page draws the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const file = join(SCREENSHOT_DIR, `${name}-${colorScheme}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    files.push(file);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return files;
}

/**
 * What would mean a broken page: script errors, console errors other than the browser's note on
 * an HTTP error answer (tests provoke 401/403/422 on purpose and assert those themselves), and
 * any stylesheet, script, image or font that failed to load or was blocked (CSP).
 */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error' || /^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const isAsset = (type: string) => ['stylesheet', 'script', 'image', 'font'].includes(type);
  page.on('requestfailed', (request) => {
    if (isAsset(request.resourceType())) problems.push(`asset failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && isAsset(response.request().resourceType())) problems.push(`asset ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/**
 * `expect.poll` with a deadline fit for a page driven over a busy two-core machine (vitest's
 * default is one second): `await eventually(() => page.textContent('h1')).toBe('Dashboard')`.
 */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 20_000, interval: 100 });
}

/**
 * What a page's live stream did (requests to /live/, htmx SSE events, visibility), for the
 * failure message of a test that waits on it. Call before the page's goto.
 */
export async function traceLiveStream(page: Page): Promise<string[]> {
  const trace: string[] = [];
  const at = () => new Date().toISOString().slice(11, 23);
  page.on('console', (m) => trace.push(`${at()} ${m.text()}`));
  page.on('request', (r) => void (r.url().includes('/live/') && trace.push(`${at()} request ${r.url()}`)));
  page.on('requestfailed', (r) => void (r.url().includes('/live/') && trace.push(`${at()} failed ${r.failure()?.errorText ?? ''}`)));
  await page.addInitScript(() => {
    for (const name of ['htmx:sse:after:connection', 'htmx:sse:error', 'htmx:sse:close', 'htmx:sse:after:message', 'visibilitychange']) {
      document.addEventListener(name, (event) => {
        const detail = (event as CustomEvent<{ error?: unknown; reason?: unknown } | null>).detail;
        console.log(`${name} ${String(detail?.error ?? detail?.reason ?? document.visibilityState)}`);
      });
    }
  });
  return trace;
}
