import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { connections } from './connections.ts';

export const mediaKinds = ['movie', 'series'] as const;
export type MediaKind = (typeof mediaKinds)[number];

/**
 * What the dashboard counts. `external` is a trailer the user already had (never touched);
 * `needs-attention` means every candidate failed and a person has to look. `no-trailer-yet`: the
 * item is not released and no official trailer exists so far; it is searched again on a schedule.
 * `preview`: its connection is in preview mode and the fetch stopped before the download, with the
 * video it would have downloaded recorded in `trailer_previews` (not re-searched by the backfill).
 */
export const trailerStatuses = [
  'missing',
  'queued',
  'downloading',
  'have',
  'external',
  'needs-attention',
  'skipped',
  'no-trailer-yet',
  'preview',
] as const;
export type TrailerStatus = (typeof trailerStatuses)[number];

export const media = pgTable(
  'media',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    connectionId: integer('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    arrId: integer('arr_id').notNull(),
    kind: text('kind', { enum: mediaKinds }).notNull(),
    title: text('title').notNull(),
    originalTitle: text('original_title'),
    alternativeTitles: jsonb('alternative_titles').$type<string[]>().notNull().default([]),
    year: integer('year'),
    /** ISO 639-1 code of the original language, from the Arr (`originalLanguage.name`). */
    originalLanguage: text('original_language'),
    /** The Arr's status word: Radarr tba/announced/inCinemas/released, Sonarr upcoming/continuing/ended. */
    releaseStatus: text('release_status'),
    /** In cinemas (movie) or first aired (series), then the home releases; `YYYY-MM-DD`. */
    premiereDate: date('premiere_date', { mode: 'string' }),
    digitalReleaseDate: date('digital_release_date', { mode: 'string' }),
    physicalReleaseDate: date('physical_release_date', { mode: 'string' }),
    /** The folder exactly as the Arr reports it (its own path space; mapped before use). */
    folderPath: text('folder_path').notNull(),
    /** Movie file path relative to folderPath, as the Arr reports it; null when there is no file. */
    movieFileRelativePath: text('movie_file_relative_path'),
    tmdbId: integer('tmdb_id'),
    imdbId: text('imdb_id'),
    tvdbId: integer('tvdb_id'),
    youTubeTrailerId: text('youtube_trailer_id'),
    /** The poster on TMDB/TVDB as the Arr names it (https only, checked): Discord fetches it itself. */
    posterRemoteUrl: text('poster_remote_url'),
    /** The Arr's own copy, `/MediaCover/{arrId}/poster.jpg?lastWrite=…` (URL base removed): our proxy's source. */
    posterPath: text('poster_path'),
    monitored: boolean('monitored').notNull().default(true),
    hasFile: boolean('has_file').notNull().default(false),
    trailerStatus: text('trailer_status', { enum: trailerStatuses }).notNull().default('missing'),
    statusReason: text('status_reason'),
    /** A trailer file that was already there (not ours): never deleted or overwritten. */
    externalTrailerPath: text('external_trailer_path'),
    /** A video URL the user pasted for this item; tried before anything else. */
    userSourceUrl: text('user_source_url'),
    /** Set when the item disappeared from the Arr; its files are never deleted for that. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
    /** Previewarr's own monitor switch (not the Arr's): off, neither backfill nor a webhook fetches. */
    trailerMonitored: boolean('trailer_monitored').notNull().default(true),
    /** Set: the user excluded the item from trailers, saying why; nothing fetches until cleared. */
    excludedReason: text('excluded_reason'),
    /** Series: the seasons Sonarr lists (number, monitored), for season-scoped profiles. */
    seasons: jsonb('seasons').$type<Array<{ number: number; monitored: boolean }>>().notNull().default([]),
    /** The Arr's tag labels of this item, for profiles that apply only to some tags. */
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('media_connection_kind_arr_id').on(t.connectionId, t.kind, t.arrId),
    index('media_trailer_status').on(t.trailerStatus),
    index('media_title_lower').on(sql`lower(${t.title})`),
  ],
);

/** One movie or series as stored. */
export type MediaRow = typeof media.$inferSelect;
