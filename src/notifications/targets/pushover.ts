// Pushover: POST {api}/1/messages.json, form fields token, user, title, message, priority.
import { clip } from '../../domain/notification-digest.ts';
import { sendOutbound } from '../../outbound/outbound-http.ts';
import type { TargetModule } from '../notification-target.ts';

export const pushover: TargetModule = {
  label: 'Pushover',
  defaultUrl: 'https://api.pushover.net',
  urlHint: 'Leave empty for https://api.pushover.net.',
  secretLabel: 'Application token',
  secretRequired: true,
  recipientLabel: 'User key',
  create: (target) => ({
    async send(notice) {
      await sendOutbound({
        method: 'POST',
        url: `${target.url}/1/messages.json`,
        form: { token: target.secret, user: target.recipient, title: clip(notice.title, 250), message: clip(notice.body, 1024), priority: notice.level === 'failure' ? '1' : '0' },
        secrets: [target.secret, target.recipient],
        ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
      });
    },
  }),
};
