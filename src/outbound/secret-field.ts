// Shared input rules of outbound targets (media servers, notification targets): a service URL,
// and a secret that a form sends back masked to keep it — except when the URL's origin changed,
// where keeping it would hand the old server's secret to a new one.
import { z } from 'zod';
import { isMaskedKey, maskApiKey } from '../connections/connection-store.ts';

export { isMaskedKey, maskApiKey as maskSecret };

const text = () => z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') });

/** An http(s) URL without credentials or fragment, stored without a trailing slash. */
export const serviceUrl = text()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return void ctx.addIssue({ code: 'custom', message: 'must be a URL like http://host:port' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'must start with http:// or https://' });
    else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password (put the token in its own field)' });
    else if (url.hash) ctx.addIssue({ code: 'custom', message: 'must not contain a fragment (#…)' });
  })
  .transform((value) => value.replace(/\/+$/, ''));

/** A token or key: printable, no spaces. */
export const secretText = text()
  .trim()
  .max(500, 'must be at most 500 characters')
  .regex(/^[\x21-\x7e]*$/, 'must be printable characters without spaces');

/** Undefined (keep the stored secret) for a masked value, else the new secret. */
export const keptOrNewSecret = text()
  .trim()
  .transform((value, ctx) => {
    if (isMaskedKey(value)) return undefined;
    const parsed = secretText.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/**
 * The problem with an update that keeps the stored secret while moving to another origin, or
 * undefined when the update is fine.
 */
export function secretOriginProblem(stored: { url: string; secret: string }, next: { url?: string | undefined; secret?: string | undefined }): string | undefined {
  if (next.url === undefined || next.secret !== undefined || stored.secret === '') return undefined;
  if (originOf(next.url) === originOf(stored.url)) return undefined;
  return 'the address moved to another server: enter the secret again (the stored one is not sent to a new address)';
}
