// What a user may send to create or change a connection (JSON API and the settings form share
// these schemas). Messages say what is wrong in words a person can act on.
import { z } from 'zod';
import { rankingOverridesSchema } from '../config/ranking-settings.ts';
import { pathMappingProblem } from '../domain/path-mapping.ts';
import { isMaskedKey } from './connection-store.ts';

/** Text, with "is required" when absent rather than a type error. */
const text = () => z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') });

export const name = text()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'must not contain control characters');

const kind = z.enum(['radarr', 'sonarr'], { error: (issue) => (issue.input === undefined ? 'is required' : 'must be "radarr" or "sonarr"') });

/** http(s) URL of the Arr, URL base included; stored without a trailing slash. */
const baseUrl = text()
  .trim()
  .superRefine((value, ctx) => {
    const problem = baseUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => {
    const url = new URL(value);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  });

function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL like http://radarr:7878 (with the URL base, if any: http://host:7878/radarr)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
  if (url.username || url.password) return 'must not contain a user name or password (Previewarr authenticates with the API key)';
  if (url.search || url.hash) return 'must not contain a query (?…) or fragment (#…)';
  if (/\/api(\/v\d+)?\/?$/i.test(url.pathname)) return 'must be the address of the app, without /api/v3';
  return undefined;
}

const apiKey = text()
  .trim()
  .min(1, 'must not be empty (Radarr/Sonarr: Settings → General → API Key)')
  .max(200, 'must be at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces');

// Undefined (keep the stored key) for a masked value, else a new key checked like on create.
const keptOrNewApiKey = text()
  .trim()
  .transform((value, ctx) => {
    if (isMaskedKey(value)) return undefined;
    const parsed = apiKey.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });

export const pathMappingSchema = z
  .object({
    remotePrefix: text().trim().min(1, 'must not be empty').max(1024),
    localPrefix: text().trim().min(1, 'must not be empty').max(1024),
  })
  .strict()
  .superRefine((mapping, ctx) => {
    const problem = pathMappingProblem(mapping);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const pathMappings = z
  .array(pathMappingSchema, { error: 'must be a list of {remotePrefix, localPrefix}' })
  .max(50, 'at most 50 path mappings')
  .superRefine((mappings, ctx) => {
    const seen = new Set<string>();
    mappings.forEach((mapping, index) => {
      const key = mapping.remotePrefix.replace(/[\\/]+$/, '').toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'remotePrefix'], message: 'is mapped twice' });
      seen.add(key);
    });
  });

export const createConnectionSchema = z
  .object({
    name,
    kind,
    baseUrl,
    apiKey,
    enabled: z.boolean({ error: 'must be true or false' }).default(true),
    pathMappings: pathMappings.default([]),
    rankingOverrides: rankingOverridesSchema.optional(),
    /** Preview mode (a dry run): search and rank, record what would be downloaded, download nothing. */
    previewOnly: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();
export type CreateConnectionInput = z.output<typeof createConnectionSchema>;

/**
 * A partial change. `apiKey` may be omitted, or sent back masked (`••••abcd`) as a form shows it:
 * both keep the stored key. `kind` cannot change: the library rows belong to one kind.
 */
export const updateConnectionSchema = z
  .object({
    name: name.optional(),
    kind: kind.optional(),
    baseUrl: baseUrl.optional(),
    apiKey: keptOrNewApiKey.optional(),
    enabled: z.boolean({ error: 'must be true or false' }).optional(),
    pathMappings: pathMappings.optional(),
    /** Replaces the stored overrides as a whole; `{}` clears them. */
    rankingOverrides: rankingOverridesSchema.optional(),
    /** Switching it off queues the real fetch of every previewed item. */
    previewOnly: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();
export type UpdateConnectionInput = z.output<typeof updateConnectionSchema>;
