import { bigint, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import { media } from './media.ts';

/**
 * What a preview run (a connection in preview mode) would have downloaded for an item: a copy of
 * the top acceptable candidate when the run stopped, so the Preview page can list it even after
 * later searches re-rank the item's candidates. One row per item, replaced by each preview run.
 */
export const trailerPreviews = pgTable('trailer_previews', {
  mediaId: bigint('media_id', { mode: 'number' })
    .primaryKey()
    .references(() => media.id, { onDelete: 'cascade' }),
  videoId: text('video_id').notNull(),
  url: text('url').notNull(),
  title: text('title'),
  channel: text('channel'),
  source: text('source', { enum: ['user', 'radarr', 'tmdb', 'search'] }).notNull(),
  score: real('score').notNull(),
  reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
  previewedAt: timestamp('previewed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One item's recorded would-be download. */
export type TrailerPreviewRow = typeof trailerPreviews.$inferSelect;
