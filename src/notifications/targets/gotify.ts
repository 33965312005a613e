// Gotify: POST {server}/message {title, message, priority}; the application token travels in
// the X-Gotify-Key header (Gotify's alternative to ?token=, which would put it in access logs).
import { clip } from '../../domain/notification-digest.ts';
import { sendOutbound } from '../../outbound/outbound-http.ts';
import type { TargetModule } from '../notification-target.ts';

const PRIORITY = { info: 4, success: 5, warning: 6, failure: 8 } as const;

export const gotify: TargetModule = {
  label: 'Gotify',
  urlHint: 'The Gotify server, e.g. http://gotify:80.',
  secretLabel: 'Application token',
  secretRequired: true,
  create: (target) => ({
    async send(notice) {
      await sendOutbound({
        method: 'POST',
        url: `${target.url}/message`,
        headers: { 'X-Gotify-Key': target.secret },
        json: { title: clip(notice.title, 250), message: clip(notice.body, 4000), priority: PRIORITY[notice.level] },
        secrets: [target.secret],
        ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
      });
    },
  }),
};
