// Telegram bot: POST {api}/bot{token}/sendMessage {chat_id, text, parse_mode: HTML}.
import { clip } from '../../domain/notification-digest.ts';
import { sendOutbound } from '../../outbound/outbound-http.ts';
import type { TargetModule } from '../notification-target.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const telegram: TargetModule = {
  label: 'Telegram',
  defaultUrl: 'https://api.telegram.org',
  urlHint: 'Leave empty for https://api.telegram.org (or your local Bot API server).',
  secretLabel: 'Bot token',
  secretRequired: true,
  recipientLabel: 'Chat id',
  create: (target) => ({
    async send(notice) {
      await sendOutbound({
        method: 'POST',
        url: `${target.url}/bot${target.secret}/sendMessage`,
        json: { chat_id: target.recipient, text: clip(`<b>${escapeHtml(notice.title)}</b>\n${escapeHtml(notice.body)}`, 4000), parse_mode: 'HTML', disable_web_page_preview: true },
        secrets: [target.secret],
        ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
      });
    },
  }),
};
