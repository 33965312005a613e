// ntfy: JSON publish to the server root, {topic, title, message, priority, tags}; the URL is
// the topic's address (https://ntfy.sh/mytopic). An access token goes in a Bearer header.
import { clip } from '../../domain/notification-digest.ts';
import { sendOutbound } from '../../outbound/outbound-http.ts';
import type { TargetModule } from '../notification-target.ts';

const PRIORITY = { info: 3, success: 3, warning: 4, failure: 5 } as const;
const TAGS = { info: 'information_source', success: 'movie_camera', warning: 'warning', failure: 'rotating_light' } as const;

export const ntfy: TargetModule = {
  label: 'ntfy',
  urlHint: 'The topic address, e.g. https://ntfy.sh/my-trailers.',
  secretLabel: 'Access token (optional)',
  secretRequired: false,
  create: (target) => ({
    async send(notice) {
      const url = new URL(target.url);
      const parts = url.pathname.split('/').filter(Boolean);
      const topic = parts.pop() ?? 'previewarr';
      await sendOutbound({
        method: 'POST',
        url: `${url.origin}/${parts.map(encodeURIComponent).join('/')}`,
        json: {
          topic,
          title: clip(notice.title, 250),
          message: clip(notice.body, 4000),
          priority: PRIORITY[notice.level],
          tags: [TAGS[notice.level]],
          // ntfy's "attach a file by URL": its apps show the poster as the notification's picture.
          ...(notice.posterUrl ? { attach: notice.posterUrl } : {}),
        },
        headers: target.secret ? { Authorization: `Bearer ${target.secret}` } : {},
        secrets: [target.secret],
        ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
      });
    },
  }),
};
