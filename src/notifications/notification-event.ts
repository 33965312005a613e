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

/**
 * The label of a waiting item's event about one of its extra slots, `what` naming the slot
 * ("featurette", "season 2 teaser"): "Featurette needs attention", "No season 2 teaser yet".
 */
export function slotWaitingLabel(kind: 'needs-attention' | 'no-trailer', what: string): string {
  return kind === 'needs-attention' ? `${what.charAt(0).toUpperCase()}${what.slice(1)} needs attention` : `No ${what} yet`;
}

/** `label`: the title's words before the subject, when not the kind's own (an extra slot's event). */
export function notificationEvent(kind: NotificationEventKind, message: string, subject?: string, posterUrl?: string | null, label = EVENT_LABELS[kind]): NotificationEvent {
  return {
    kind,
    title: subject ? `${label}: ${subject}` : label,
    message,
    ...(subject ? { subject } : {}),
    ...(posterUrl ? { posterUrl } : {}),
    at: new Date().toISOString(),
  };
}
