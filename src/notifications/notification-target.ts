// One interface for every notification service; one module per service in targets/. Adding a
// service is one file plus one line in targets/index.ts.
import type { NotificationKind } from '../db/schema/outbound.ts';
import type { Notice } from '../domain/notification-digest.ts';

/** A stored target as the sender sees it (secret in clear: it stays inside the service). */
export type TargetSettings = { name: string; kind: NotificationKind; url: string; secret: string; recipient: string; timeoutMs?: number };

export interface NotificationSender {
  send(notice: Notice): Promise<void>;
}

export type TargetModule = {
  label: string;
  /** Used when the form leaves the URL empty (hosted services). */
  defaultUrl?: string;
  urlHint: string;
  secretLabel: string;
  secretRequired: boolean;
  /** What the recipient field means for this service; undefined: it has none. */
  recipientLabel?: string;
  create(target: TargetSettings): NotificationSender;
};
