/**
 * What every page must pass at every size and in both themes: no horizontal overflow, and no
 * axe-core violation of WCAG 2.1 A/AA (colour contrast included).
 *   const problems = await checkPage(page, 'dashboard-phone');   // [] when all is well
 * axe-core is evaluated in the page through the DevTools protocol, which the page's CSP (scripts
 * from our own origin only) does not apply to; nothing is added to the service for it.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { saveScreenshots } from './browser.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const VIEWPORTS = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

type AxeNode = { target: string[]; failureSummary?: string; html: string };
type AxeViolation = { id: string; impact: string | null; help: string; nodes: AxeNode[] };

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations;
  });
  return (violations as AxeViolation[]).flatMap((v) =>
    v.nodes.map((node) => `${v.id} (${v.impact ?? '?'}): ${v.help} at ${node.target.join(' ')} ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''} ${node.html.slice(0, 160)}`),
  );
}

/** Elements wider than the viewport (what makes a phone scroll sideways), by a short selector. */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const culprits: string[] = [];
    // What sticks out inside a scrolling box (a wide table in its wrapper) is not the page's width.
    const clipped = (el: Element) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) if (getComputedStyle(up).overflowX !== 'visible') return true;
      return false;
    };
    for (const el of document.querySelectorAll('body *')) {
      if (clipped(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.right > width + 1 && box.width > 0) culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} right=${Math.round(box.right)}`);
    }
    return [`page is ${document.documentElement.scrollWidth}px wide in ${width}px`, ...culprits.slice(0, 8)];
  });
}

/**
 * Checks the loaded page in light and dark, saves its screenshots as `<name>-{light,dark}.png`,
 * and returns every problem found (an empty list means it passed).
 */
export async function checkPage(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    problems.push(...(await horizontalOverflow(page)).map((p) => `${name} ${colorScheme}: overflow: ${p}`));
    problems.push(...(await axeViolations(page)).map((p) => `${name} ${colorScheme}: ${p}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await saveScreenshots(page, name);
  return problems;
}
