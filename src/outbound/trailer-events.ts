// The pipeline's one call per outcome: a trailer placed, moved or deleted becomes a targeted
// refresh on every media server and a notification; an item that needs a person becomes a
// notification. Each call only records work (never throws, never waits on a server).
import path from 'node:path';
import { TRAILERS_FOLDER } from '../domain/trailer-name.ts';
import { queueMediaRefresh, type LocalChange } from '../media-servers/media-refresh.ts';
import { notificationEvent, slotWaitingLabel } from '../notifications/notification-event.ts';
import { notify } from '../notifications/notify.ts';
import type { OutboundDeps } from './outbound-deps.ts';

/** The item an event is about; its poster (the Arr's remote URL) goes into the notification. */
export type EventItem = { title: string; year: number | null; posterRemoteUrl?: string | null };

const subjectOf = (item: EventItem) => (item.year ? `${item.title} (${item.year})` : item.title);

/** The item's folder of a trailer: its own folder, or the one above a `Trailers/` folder. */
export function itemFolderOf(trailerPath: string): string {
  const folder = path.dirname(trailerPath);
  return path.basename(folder) === TRAILERS_FOLDER ? path.dirname(folder) : folder;
}

const change = (file: string, kind: LocalChange['change']): LocalChange => ({ path: file, mediaFolder: itemFolderOf(file), change: kind });

export async function trailerPlaced(deps: OutboundDeps, item: EventItem, file: string, previousFile?: string): Promise<void> {
  const replaced = previousFile !== undefined;
  const changes = [change(file, previousFile === file ? 'Modified' : 'Created')];
  if (replaced && previousFile !== file) changes.push(change(previousFile, 'Deleted'));
  await queueMediaRefresh(deps, changes);
  await notify(deps, notificationEvent(replaced ? 'trailer-replaced' : 'trailer-placed', file, subjectOf(item), item.posterRemoteUrl));
}

export async function trailerMoved(deps: OutboundDeps, from: string, to: string): Promise<void> {
  await queueMediaRefresh(deps, [change(from, 'Deleted'), change(to, 'Created')]);
}

export async function trailersDeleted(deps: OutboundDeps, item: EventItem, files: readonly string[]): Promise<void> {
  if (files.length === 0) return;
  await queueMediaRefresh(deps, files.map((file) => change(file, 'Deleted')));
  await notify(deps, notificationEvent('trailer-deleted', files.join('\n'), subjectOf(item), item.posterRemoteUrl));
}

/**
 * An item that waits: every candidate failed (`needs-attention`), or nothing official exists yet
 * (`no-trailer`). `slotWhat` names an extra slot ("featurette", "season 2 teaser"); none: the main trailer.
 */
export async function itemWaiting(deps: OutboundDeps, kind: 'needs-attention' | 'no-trailer', item: EventItem, reason: string, slotWhat?: string): Promise<void> {
  const label = slotWhat === undefined ? undefined : slotWaitingLabel(kind, slotWhat);
  await notify(deps, notificationEvent(kind, reason, subjectOf(item), item.posterRemoteUrl, label));
}
