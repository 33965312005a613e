import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every running Previewarr process on this database (one web, any number of workers): who it is,
 * when it was last alive, and the per-process settings that must be equal everywhere, so a
 * mismatch between processes can be shown on the dashboard.
 */
export const serviceProcesses = pgTable('service_processes', {
  /** `host:pid:random`, unique per process life. */
  id: text('id').primaryKey(),
  role: text('role', { enum: ['all', 'web', 'worker'] }).notNull(),
  /** The environment settings that must match across processes (see process-registry.ts). */
  settings: jsonb('settings').$type<Record<string, string>>().notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
});
