// Pending notification events → the messages actually sent. A few events go out one by one;
// more (a backfill placing hundreds) become one summary, so bulk work is one message per
// interval instead of one per item. Pure.

export type DigestEvent = { kind: string; title: string; message: string; subject?: string; posterUrl?: string; at: string };

export type NoticeLevel = 'info' | 'success' | 'warning' | 'failure';

export type Notice = {
  title: string;
  body: string;
  level: NoticeLevel;
  posterUrl?: string;
  /** The events this notice covers (for the generic webhook's payload). */
  events: DigestEvent[];
};

/** At most this many events are sent singly; more become a summary. */
export const SINGLE_LIMIT = 3;

const LEVELS: Record<string, NoticeLevel> = {
  'trailer-placed': 'success',
  'trailer-replaced': 'success',
  'trailer-deleted': 'info',
  'needs-attention': 'failure',
  'no-trailer': 'warning',
  'cool-off-started': 'warning',
  'cool-off-ended': 'info',
  'connection-failing': 'failure',
  'connection-recovered': 'success',
  'ytdlp-outdated': 'warning',
};

const RANK: Record<NoticeLevel, number> = { info: 0, success: 1, warning: 2, failure: 3 };

export function levelOf(kind: string): NoticeLevel {
  return LEVELS[kind] ?? 'info';
}

/** "A, B, C and 12 more" */
function namesOf(events: readonly DigestEvent[], shown = 5): string {
  const names = [...new Set(events.map((event) => event.subject ?? event.title))];
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

export function digest(events: readonly DigestEvent[]): Notice[] {
  if (events.length === 0) return [];
  if (events.length <= SINGLE_LIMIT) {
    return events.map((event) => ({
      title: event.title,
      body: event.message,
      level: levelOf(event.kind),
      ...(event.posterUrl ? { posterUrl: event.posterUrl } : {}),
      events: [event],
    }));
  }
  // One line per kind and label: "Featurette needs attention" apart from the main trailer's "Needs attention".
  const byKind = new Map<string, DigestEvent[]>();
  for (const event of events) {
    const key = `${event.kind}\u0000${labelOf(event)}`;
    byKind.set(key, [...(byKind.get(key) ?? []), event]);
  }
  const lines = [...byKind.values()].map((group) => `${labelOf(group[0]!)} ×${group.length}: ${namesOf(group)}`);
  const level = [...byKind.values()].map((group) => levelOf(group[0]!.kind)).reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'info' as NoticeLevel);
  return [{ title: `Previewarr: ${events.length} updates`, body: lines.join('\n'), level, events: [...events] }];
}

/** The event's title without its subject ("Trailer placed"). */
function labelOf(event: DigestEvent): string {
  return event.subject && event.title.endsWith(`: ${event.subject}`) ? event.title.slice(0, -(event.subject.length + 2)) : event.title;
}

/** Cuts text to `max` characters with an ellipsis (services refuse longer fields). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
