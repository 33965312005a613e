// Outcomes of the pipeline that a person may want to hear about: a slot of an item that needs
// attention or has nothing official yet, a YouTube cool-off starting or ending. Each only records a notification (never throws).
import { eq } from 'drizzle-orm';
import { media, trailerProfiles } from '../db/schema/index.ts';
import { slotNoun } from '../domain/extra-kinds.ts';
import { isExtraSlot, type SlotRef } from '../library/slot-status.ts';
import { notificationEvent } from '../notifications/notification-event.ts';
import { notify } from '../notifications/notify.ts';
import { itemWaiting } from '../outbound/trailer-events.ts';
import type { PipelineRuntime } from './pipeline-runtime.ts';

/**
 * "Needs attention" (every candidate failed) or "no trailer yet" (unreleased, nothing official),
 * for any slot of the item: an extra slot's title names its kind and season ("Featurette needs
 * attention: Arrival (2016)"). The same events, so each target's choice of events applies.
 */
export async function announceWaitingItem(rt: PipelineRuntime, kind: 'needs-attention' | 'no-trailer', slot: SlotRef, reason: string): Promise<void> {
  try {
    const [item] = await rt.db.select({ title: media.title, year: media.year, posterRemoteUrl: media.posterRemoteUrl }).from(media).where(eq(media.id, slot.mediaId));
    if (!item) return;
    if (!isExtraSlot(slot)) return void (await itemWaiting(rt, kind, item, reason));
    const [profile] = await rt.db.select({ kind: trailerProfiles.kind }).from(trailerProfiles).where(eq(trailerProfiles.id, slot.profileId));
    // The profile was deleted meanwhile: its slot is gone, there is nothing to tell.
    if (profile) await itemWaiting(rt, kind, item, reason, slotNoun(profile.kind, slot.season ?? null));
  } catch (error) {
    rt.logger.warn({ err: error, mediaId: slot.mediaId, kind }, 'could not queue the notification');
  }
}

/** The gate's rate-limit report, and a notification when this starts a cool-off. */
export async function reportRateLimited(rt: PipelineRuntime, reason: string): Promise<number> {
  const before = rt.gate.coolOff();
  const wait = await rt.gate.reportRateLimited(reason);
  if (!before.active) {
    const until = new Date(Date.now() + wait).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    await notify(rt, notificationEvent('cool-off-started', `${reason}; downloads wait until ${until}`));
  }
  return wait;
}

/** The gate's success report, and a notification when that ends the cool-off backoff. */
export async function reportSuccess(rt: PipelineRuntime): Promise<void> {
  const before = rt.gate.coolOff().level;
  await rt.gate.reportSuccess();
  if (before > 0 && rt.gate.coolOff().level === 0) await notify(rt, notificationEvent('cool-off-ended', 'Downloads run at the normal pace again.'));
}
