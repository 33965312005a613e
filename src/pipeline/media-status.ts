// The status the library shows per item (`media.trailer_status` + `status_reason`).
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { media, type TrailerStatus } from '../db/schema/index.ts';

export async function setMediaStatus(
  db: Db | Tx,
  mediaId: number,
  status: TrailerStatus,
  reason: string | null,
  extra: { externalTrailerPath?: string | null } = {},
): Promise<void> {
  await db
    .update(media)
    .set({ trailerStatus: status, statusReason: reason?.slice(0, 1000) ?? null, updatedAt: new Date(), ...extra })
    .where(eq(media.id, mediaId));
}
