// Media servers Previewarr tells about new trailers, notification targets it tells people
// through, and the outbox both are fed from: a change is recorded here at once (cheap, never
// fails the trailer job) and a per-target job sends what piled up, retried with backoff.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ConnectionHealth, PathMapping } from './connections.ts';

export const mediaServerKinds = ['plex', 'jellyfin', 'emby'] as const;
export type MediaServerKind = (typeof mediaServerKinds)[number];

export const mediaServers = pgTable('media_servers', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: mediaServerKinds }).notNull(),
  baseUrl: text('base_url').notNull(),
  /** Plex token or Jellyfin/Emby API key: never leaves the service. */
  token: text('token').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  /** remotePrefix: the path as the media server sees it; localPrefix: the same folder here. */
  pathMappings: jsonb('path_mappings').$type<PathMapping[]>().notNull().default([]),
  /** Before downloading, ask this server whether it already lists a trailer for the item. */
  skipIfTrailer: boolean('skip_if_trailer').notNull().default(false),
  health: jsonb('health').$type<ConnectionHealth>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const notificationKinds = ['discord', 'telegram', 'ntfy', 'gotify', 'pushover', 'apprise', 'webhook'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationEvents = [
  'trailer-placed',
  'trailer-replaced',
  'trailer-deleted',
  'needs-attention',
  'no-trailer',
  'cool-off-started',
  'cool-off-ended',
  'connection-failing',
  'connection-recovered',
  'ytdlp-outdated',
] as const;
export type NotificationEventKind = (typeof notificationEvents)[number];

export const notificationTargets = pgTable('notification_targets', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: notificationKinds }).notNull(),
  /** Where messages go (shown); for Discord the webhook URL without its token. */
  url: text('url').notNull(),
  /** Bot/app token, access token or Discord webhook token: never leaves the service. */
  secret: text('secret').notNull().default(''),
  /** Telegram chat id, Pushover user key, Apprise tag (empty when the kind has none). */
  recipient: text('recipient').notNull().default(''),
  events: jsonb('events').$type<NotificationEventKind[]>().notNull().default([]),
  enabled: boolean('enabled').notNull().default(true),
  health: jsonb('health').$type<ConnectionHealth>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const outboxChannels = ['media-server', 'notification'] as const;
export type OutboxChannel = (typeof outboxChannels)[number];

export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel', { enum: outboxChannels }).notNull(),
    targetId: integer('target_id').notNull(),
    /** Two entries with one key coalesce into one (a folder refreshed once per window). */
    dedupeKey: text('dedupe_key'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('outbox_dedupe').on(t.channel, t.targetId, t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
    index('outbox_target').on(t.channel, t.targetId, t.id),
  ],
);
