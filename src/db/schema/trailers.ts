import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { EXTRA_KINDS } from '../../domain/extra-kinds.ts';
import { languageModes } from '../../domain/candidate-dubs.ts';
import { media } from './media.ts';

/** Subtitles a profile asks for: uploaded ones in these languages, automatic captions only if allowed. */
export interface ProfileSubtitles {
  languages: string[];
  automatic: boolean;
}

/** Which items a profile applies to; an empty list means "any". */
export interface ProfileAppliesTo {
  mediaKinds: Array<'movie' | 'series'>;
  connectionIds: number[];
  /** Tag labels as the Arr shows them (compared ignoring case). */
  tags: string[];
}

/** `item`: one file per movie/series; `season`: one file per season of a series. */
export const profileScopes = ['item', 'season'] as const;
/** `settings`: the Trailer choice settings' language mode; otherwise that mode for this profile. */
export const profileLanguageRules = ['settings', ...languageModes] as const;

export const trailerProfiles = pgTable('trailer_profiles', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull().unique(),
  container: text('container', { enum: ['mkv', 'mp4', 'webm'] }).notNull().default('mkv'),
  videoCodec: text('video_codec', { enum: ['h264', 'hevc', 'vp9', 'av1'] }).notNull().default('h264'),
  audioCodec: text('audio_codec', { enum: ['aac', 'opus'] }).notNull().default('aac'),
  maxHeight: integer('max_height').notNull().default(1080),
  crf: integer('crf').notNull().default(22),
  preset: text('preset').notNull().default('veryfast'),
  hwaccel: text('hwaccel', { enum: ['none', 'vaapi', 'qsv', 'nvenc'] }).notNull().default('none'),
  /** The item's main trailer: its status is the media row's `trailerStatus`. */
  isDefault: boolean('is_default').notNull().default(false),
  /** What this profile fetches; several enabled profiles give several files per item. */
  kind: text('kind', { enum: EXTRA_KINDS }).notNull().default('trailer'),
  scope: text('scope', { enum: profileScopes }).notNull().default('item'),
  languageRule: text('language_rule', { enum: profileLanguageRules }).notNull().default('settings'),
  subtitles: jsonb('subtitles').$type<ProfileSubtitles>(),
  appliesTo: jsonb('applies_to').$type<ProfileAppliesTo>().notNull().default({ mediaKinds: [], connectionIds: [], tags: [] }),
  enabled: boolean('enabled').notNull().default(true),
});

/**
 * Trailer files this service wrote. A file is ours only if path, size and mtime still match
 * this row; rename and delete jobs refuse anything else.
 */
export const trailers = pgTable(
  'trailers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mediaId: bigint('media_id', { mode: 'number' })
      .notNull()
      .references(() => media.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    mtimeMs: bigint('mtime_ms', { mode: 'number' }).notNull(),
    sourceVideoId: text('source_video_id'),
    sourceUrl: text('source_url').notNull(),
    profileId: integer('profile_id').references(() => trailerProfiles.id, { onDelete: 'set null' }),
    /** The season a season-scoped profile's file belongs to; null for the whole item. */
    season: integer('season'),
    state: text('state', { enum: ['present', 'removed', 'missing'] }).notNull().default('present'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live file per item, profile and season, enforced by the database: no loop can leave
    // "Trailer 2". A row whose profile was deleted (null) still holds its slot until it is gone.
    uniqueIndex('trailers_one_present_per_slot')
      .on(t.mediaId, sql`coalesce(${t.profileId}, 0)`, sql`coalesce(${t.season}, -1)`)
      .where(sql`${t.state} = 'present'`),
    uniqueIndex('trailers_present_path').on(t.path).where(sql`${t.state} = 'present'`),
  ],
);

export const downloadAttempts = pgTable(
  'download_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mediaId: bigint('media_id', { mode: 'number' })
      .notNull()
      .references(() => media.id, { onDelete: 'cascade' }),
    jobId: text('job_id'),
    /** The slot tried: profile and season (null: the item's main trailer, as before slots). */
    profileId: integer('profile_id').references(() => trailerProfiles.id, { onDelete: 'set null' }),
    season: integer('season'),
    sourceUrl: text('source_url'),
    sourceVideoId: text('source_video_id'),
    outcome: text('outcome', { enum: ['running', 'succeeded', 'failed'] }).notNull().default('running'),
    errorKind: text('error_kind'),
    error: text('error'),
    nextTryAt: timestamp('next_try_at', { withTimezone: true }),
    /** The hidden partial file in the media folder, recorded before it is written, so a run cut
     *  off by a crash can be cleaned up at the next start. */
    partialPath: text('partial_path'),
    /** The folder under DATA_DIR/work holding the raw download of this attempt. */
    workDir: text('work_dir'),
    /** `host:pid` of the process running the attempt: a dead pid on this host means it was killed. */
    worker: text('worker'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('download_attempts_media').on(t.mediaId, t.startedAt)],
);

/** Every video considered for an item, with its score and why, so the UI can explain the pick. */
export const trailerCandidates = pgTable(
  'trailer_candidates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mediaId: bigint('media_id', { mode: 'number' })
      .notNull()
      .references(() => media.id, { onDelete: 'cascade' }),
    /** The slot ranked: profile and season (null profile: the item's main trailer). */
    profileId: integer('profile_id').references(() => trailerProfiles.id, { onDelete: 'cascade' }),
    season: integer('season'),
    videoId: text('video_id').notNull(),
    url: text('url').notNull(),
    title: text('title'),
    channel: text('channel'),
    durationSeconds: real('duration_seconds'),
    source: text('source', { enum: ['user', 'radarr', 'tmdb', 'search'] }).notNull(),
    score: real('score').notNull().default(0),
    excluded: boolean('excluded').notNull().default(false),
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    rank: integer('rank').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // NULLS NOT DISTINCT (PostgreSQL 15+), so ON CONFLICT can name these columns for upserts.
  (t) => [unique('trailer_candidates_slot_video').on(t.mediaId, t.profileId, t.season, t.videoId).nullsNotDistinct()],
);

export const videoBlocklist = pgTable(
  'video_blocklist',
  {
    mediaId: bigint('media_id', { mode: 'number' })
      .notNull()
      .references(() => media.id, { onDelete: 'cascade' }),
    videoId: text('video_id').notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.mediaId, t.videoId] })],
);

/**
 * Live progress of the work on one item, written by whichever worker process runs it and read
 * by the web process (the two may be different processes sharing Postgres).
 */
export const jobProgress = pgTable('job_progress', {
  mediaId: bigint('media_id', { mode: 'number' })
    .primaryKey()
    .references(() => media.id, { onDelete: 'cascade' }),
  stage: text('stage', { enum: ['queued', 'searching', 'downloading', 'converting', 'placing', 'done', 'failed'] }).notNull(),
  percent: real('percent'),
  detail: text('detail'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A conversion profile as stored. */
export type ProfileRow = typeof trailerProfiles.$inferSelect;
/** A trailer file Previewarr placed (present or gone). */
export type TrailerRow = typeof trailers.$inferSelect;
/** One download attempt of one candidate. */
export type AttemptRow = typeof downloadAttempts.$inferSelect;
