import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Child } from 'hono/jsx';
import { isHtmxRequest, type UiEnv } from '../../auth/ui-auth.ts';
import { ErrorPage } from '../../../views/auth-pages.tsx';
import { Toast } from '../../../views/components.tsx';
import type { Chrome } from '../../../views/layout.tsx';
import type { AssetUrls } from './static-assets.ts';

/** Renders a JSX tree to a string (components are synchronous, but hono's type allows promises). */
export async function renderHtml(node: Child): Promise<string> {
  return String(await Promise.resolve((node as { toString(): string | Promise<string> }).toString()));
}

export async function sendPage(c: Context, node: Child, status: ContentfulStatusCode = 200): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return c.html(`<!doctype html>\n${await renderHtml(node)}`, status);
}

/** A fragment for htmx to swap in. */
export async function sendFragment(c: Context, node: Child, status: ContentfulStatusCode = 200): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return c.html(await renderHtml(node), status);
}

export function chromeOf(c: Context<UiEnv>, assets: AssetUrls): Chrome {
  const session = c.get('session');
  return { csrfToken: session.csrfToken, username: session.username, assets };
}

/**
 * An error answer: for htmx, a toast swapped into the page's toast area whatever element asked
 * (htmx 4 swaps error responses too, so without the retarget it would replace the button);
 * otherwise a full error page.
 */
export async function sendError(c: Context, assets: AssetUrls, status: ContentfulStatusCode, message: string): Promise<Response> {
  if (isHtmxRequest(c)) {
    c.header('HX-Retarget', '#toast');
    c.header('HX-Reswap', 'innerHTML');
    return sendFragment(c, <Toast kind="error" message={message} />, status);
  }
  return sendPage(c, <ErrorPage assets={assets} status={status} message={message} />, status);
}

/** The text fields of a urlencoded or multipart form (files and repeated keys left out). */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody().catch(() => ({}));
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** 400 for a list filter that does not parse, naming each bad parameter. */
export function sendInvalidQuery(c: Context, assets: AssetUrls, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Promise<Response> {
  const problem = issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
  return sendError(c, assets, 400, `This filter is not valid (${problem}).`);
}
