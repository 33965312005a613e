import type { Context, MiddlewareHandler } from 'hono';
import { hasControlCharacter } from '../../domain/control-characters.ts';

// Form text is refused when it holds a control character (NUL cannot even be stored), like JSON
// bodies; line breaks and tabs stay allowed, since list fields are textareas with one entry a line.
const LINE_BREAKS_AND_TABS = /[\t\r\n]/g;

/** A 400 (through `refuse`) for any urlencoded or multipart text field with a control character. */
export function refuseControlCharacters(refuse: (c: Context, message: string) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const form = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
      for (const [name, value] of Object.entries(form)) {
        const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
        if (hasControlCharacter(name) || texts.some((text) => hasControlCharacter(text.replace(LINE_BREAKS_AND_TABS, '')))) {
          return refuse(c, `The field "${name.replace(/[^\w.-]/g, '?')}" contains a control character; remove it and try again.`);
        }
      }
    }
    await next();
  };
}
