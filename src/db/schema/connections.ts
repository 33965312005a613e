import { boolean, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { RankingOverrides } from '../../config/ranking-settings.ts';

/** A remote path prefix as Radarr/Sonarr see it, and where the same folder is mounted here. */
export type PathMapping = { remotePrefix: string; localPrefix: string };

/** The outcome of the last connection test or sync, shown on the dashboard. */
export type ConnectionHealth = {
  ok: boolean;
  checkedAt: string;
  message: string;
  version?: string;
  instanceName?: string;
};

/** A root folder as the Arr reports it, with where it lives here (null: no mapping found). */
export type RootFolderInfo = { path: string; localPath: string | null; accessible: boolean; freeSpace?: number };

export const connections = pgTable('connections', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: ['radarr', 'sonarr'] }).notNull(),
  baseUrl: text('base_url').notNull(),
  apiKey: text('api_key').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  pathMappings: jsonb('path_mappings').$type<PathMapping[]>().notNull().default([]),
  health: jsonb('health').$type<ConnectionHealth>(),
  rootFolders: jsonb('root_folders').$type<RootFolderInfo[]>().notNull().default([]),
  lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
  syncIntervalHours: integer('sync_interval_hours'),
  /** Ranking settings this instance uses instead of the global ones (a 4K or anime instance). */
  rankingOverrides: jsonb('ranking_overrides').$type<RankingOverrides>().notNull().default({}),
  /** Dry run: fetches of this connection's items search and rank, then record the pick instead of downloading. */
  previewOnly: boolean('preview_only').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A stored Radarr/Sonarr connection as read from the database (secrets included: never reply with it). */
export type ConnectionRow = typeof connections.$inferSelect;
