// A generic JSON webhook: POST {url} with the notice and the events it covers.
import { sendOutbound } from '../../outbound/outbound-http.ts';
import type { TargetModule } from '../notification-target.ts';

export const webhook: TargetModule = {
  label: 'JSON webhook',
  urlHint: 'Receives a POST with {source, title, message, level, events}.',
  secretLabel: 'Bearer token (optional)',
  secretRequired: false,
  create: (target) => ({
    async send(notice) {
      await sendOutbound({
        method: 'POST',
        url: target.url,
        json: { source: 'previewarr', title: notice.title, message: notice.body, level: notice.level, events: notice.events },
        headers: target.secret ? { Authorization: `Bearer ${target.secret}` } : {},
        secrets: [target.secret],
        ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
      });
    },
  }),
};
