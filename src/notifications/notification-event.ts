import type { NotificationEventKind } from '../db/schema/outbound.ts';

/** Something a person may want to hear about; every target turns it into its own message. */
export type NotificationEvent = {
  kind: NotificationEventKind;
  /** One line: "Trailer placed: Alien (1979)". */
  title: string;
  /** Details (the file, the reason). */
  message: string;
  /** The item's title, for summaries ("Alien (1979), Dune (2021) and 12 more"). */
  subject?: string;
  /** The item's poster on TMDB/TVDB (checked https, see domain/poster-image.ts); services fetch it themselves. */
  posterUrl?: string;
  at: string;
};

export const EVENT_LABELS: Record<NotificationEventKind, string> = {
  'trailer-placed': 'Trailer placed',
  'trailer-replaced': 'Trailer replaced',
  'trailer-deleted': 'Trailer deleted',
  'needs-attention': 'Needs attention',
  'no-trailer': 'No trailer yet',
  'cool-off-started': 'YouTube cool-off started',
  'cool-off-ended': 'YouTube cool-off ended',
  'connection-failing': 'Connection failing',
  'connection-recovered': 'Connection recovered',
  'ytdlp-outdated': 'yt-dlp outdated',
};

export function notificationEvent(kind: NotificationEventKind, message: string, subject?: string, posterUrl?: string | null): NotificationEvent {
  return {
    kind,
    title: subject ? `${EVENT_LABELS[kind]}: ${subject}` : EVENT_LABELS[kind],
    message,
    ...(subject ? { subject } : {}),
    ...(posterUrl ? { posterUrl } : {}),
    at: new Date().toISOString(),
  };
}
