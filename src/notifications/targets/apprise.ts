// Apprise API server: POST {url} (http://apprise:8000/notify/<config key>) with
// {title, body, type, tag}; Apprise fans the message out to whatever that config lists.
import { clip } from '../../domain/notification-digest.ts';
import { sendOutbound } from '../../outbound/outbound-http.ts';
import type { TargetModule } from '../notification-target.ts';

export const apprise: TargetModule = {
  label: 'Apprise API',
  urlHint: 'The notify address of a stored configuration, e.g. http://apprise:8000/notify/previewarr.',
  secretLabel: 'Bearer token (optional, for a protected server)',
  secretRequired: false,
  recipientLabel: 'Tag (optional)',
  create: (target) => ({
    async send(notice) {
      await sendOutbound({
        method: 'POST',
        url: target.url,
        json: { title: clip(notice.title, 250), body: clip(notice.body, 4000), type: notice.level, ...(target.recipient ? { tag: target.recipient } : {}) },
        headers: target.secret ? { Authorization: `Bearer ${target.secret}` } : {},
        secrets: [target.secret],
        ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
      });
    },
  }),
};
