// Discord webhook: POST {url}/{token} with an embed (title, text, colour, poster thumbnail).
// The webhook URL's last segment is its secret token, kept apart from the URL (see input).
import { clip } from '../../domain/notification-digest.ts';
import { sendOutbound } from '../../outbound/outbound-http.ts';
import type { TargetModule } from '../notification-target.ts';

const COLOURS = { info: 0x3b82f6, success: 0x22c55e, warning: 0xf59e0b, failure: 0xef4444 } as const;

export const discord: TargetModule = {
  label: 'Discord',
  urlHint: 'The webhook URL (Server settings → Integrations → Webhooks → Copy Webhook URL); its token is stored as the secret.',
  secretLabel: 'Webhook token',
  secretRequired: true,
  create: (target) => ({
    async send(notice) {
      await sendOutbound({
        method: 'POST',
        url: `${target.url}/${encodeURIComponent(target.secret)}`,
        json: {
          username: 'Previewarr',
          embeds: [
            {
              title: clip(notice.title, 256),
              description: clip(notice.body, 4000),
              color: COLOURS[notice.level],
              timestamp: new Date().toISOString(),
              ...(notice.posterUrl ? { thumbnail: { url: notice.posterUrl } } : {}),
            },
          ],
        },
        secrets: [target.secret],
        ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
      });
    },
  }),
};
