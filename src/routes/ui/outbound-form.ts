// Reading the media-server and notification forms: repeated fields as lists, the last value of
// a checkbox (its hidden "false" comes first), blank mapping rows dropped.
import type { Context } from 'hono';

export type FormReader = { text(key: string): string; list(key: string): string[]; flag(key: string): boolean };

export async function readForm(c: Context): Promise<FormReader> {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const list = (key: string) => {
    const value = body[key];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => (typeof v === 'string' ? v : ''));
  };
  const text = (key: string) => list(key).at(-1) ?? '';
  return { text, list, flag: (key) => text(key) === 'true' };
}

export function mappingRows(form: FormReader): Array<{ remotePrefix: string; localPrefix: string }> {
  const local = form.list('localPrefix');
  return form
    .list('remotePrefix')
    .map((remotePrefix, i) => ({ remotePrefix: remotePrefix.trim(), localPrefix: (local[i] ?? '').trim() }))
    .filter((m) => m.remotePrefix !== '' || m.localPrefix !== '');
}

/** Zod issues keyed by their full path ("pathMappings.0.localPrefix"), first message each. */
export function issueMap(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path.map(String).join('.') || '_form'] ??= issue.message;
  return errors;
}
