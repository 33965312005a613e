import { bigint, bigserial, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { media, trailerStatuses } from './media.ts';
import { trailerProfiles } from './trailers.ts';

/**
 * The state of every file slot of an item other than its main trailer (whose state stays on the
 * media row): one row per item, profile and season, written when the slot is first planned.
 * The statuses are the media row's (`missing`, `queued`, `have`, `needs-attention`, …).
 */
export const mediaSlots = pgTable(
  'media_slots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mediaId: bigint('media_id', { mode: 'number' })
      .notNull()
      .references(() => media.id, { onDelete: 'cascade' }),
    profileId: integer('profile_id')
      .notNull()
      .references(() => trailerProfiles.id, { onDelete: 'cascade' }),
    /** Null: the whole item; a number: that season of a series. */
    season: integer('season'),
    status: text('status', { enum: trailerStatuses }).notNull().default('missing'),
    statusReason: text('status_reason'),
    /** A file already at this slot's name that is not ours: never deleted or overwritten. */
    externalPath: text('external_path'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // NULLS NOT DISTINCT (PostgreSQL 15+): one row per item, profile and season (null = whole item),
    // and ON CONFLICT can name these columns.
    unique('media_slots_slot').on(t.mediaId, t.profileId, t.season).nullsNotDistinct(),
    index('media_slots_profile_status').on(t.profileId, t.status),
  ],
);

/** One extra slot of one item as stored. */
export type MediaSlotRow = typeof mediaSlots.$inferSelect;
