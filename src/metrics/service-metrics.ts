import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { Counter, Gauge, Registry } from 'prom-client';
import { statusCounts } from '../admin/dashboard-queries.ts';
import { radarrEventTypes } from '../arr/radarr-webhook.ts';
import { sonarrEventTypes } from '../arr/sonarr-webhook.ts';
import type { Db } from '../db/client.ts';
import { connections, downloadAttempts, webhookEvents } from '../db/schema/index.ts';
import { QUEUES } from '../jobs/queues.ts';
import { readRateLimitStatus } from '../pipeline/rate-limit-gate.ts';

// What the database knows, read at each scrape, so every process answers the same whatever
// process did the work (web and worker processes share one database): webhooks by event and
// outcome, jobs by queue and state, download attempts, trailer status, the YouTube cool-off and
// each connection's health. Label values come from allowlists or our own rows, never raw input.

const KNOWN_EVENTS = new Set<string>([...radarrEventTypes, ...sonarrEventTypes]);

/** The registry for one app; its collectors query `db` (and pg-boss) when scraped. */
export function serviceRegistry(db: Db, boss: PgBoss | null): Registry {
  const registry = new Registry();
  const registers = [registry];

  new Counter({
    name: 'previewarr_webhooks_total',
    help: 'Webhook events stored, by source, event type and outcome (received, processed, ignored, needs-setup, failed)',
    labelNames: ['source', 'event', 'outcome'] as const,
    registers,
    async collect() {
      const rows = await db
        .select({ source: webhookEvents.source, event: webhookEvents.eventType, outcome: webhookEvents.state, n: sql<number>`count(*)::int` })
        .from(webhookEvents)
        .groupBy(webhookEvents.source, webhookEvents.eventType, webhookEvents.state);
      this.reset();
      for (const row of rows) this.inc({ source: row.source, event: KNOWN_EVENTS.has(row.event) ? row.event : 'Other', outcome: row.outcome }, Number(row.n));
    },
  });

  new Gauge({
    name: 'previewarr_jobs',
    help: 'Jobs in the queue, by queue and state (ready, deferred, active, failed)',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      this.reset();
      if (!boss) return;
      for (const queue of Object.values(QUEUES)) {
        const [stats] = await boss.getQueueStats(queue, { force: true }).catch(() => []);
        if (!stats) continue;
        this.set({ queue, state: 'ready' }, stats.readyCount);
        this.set({ queue, state: 'deferred' }, stats.deferredCount);
        this.set({ queue, state: 'active' }, stats.activeCount);
        this.set({ queue, state: 'failed' }, stats.failedCount);
      }
    },
  });

  new Gauge({
    name: 'previewarr_download_attempts',
    help: 'Trailer download attempts recorded, by outcome (running, succeeded, failed)',
    labelNames: ['outcome'] as const,
    registers,
    async collect() {
      const rows = await db
        .select({ outcome: downloadAttempts.outcome, n: sql<number>`count(*)::int` })
        .from(downloadAttempts)
        .groupBy(downloadAttempts.outcome);
      this.reset();
      for (const outcome of ['running', 'succeeded', 'failed'] as const) this.set({ outcome }, Number(rows.find((r) => r.outcome === outcome)?.n ?? 0));
    },
  });

  new Gauge({
    name: 'previewarr_media',
    help: 'Library items by trailer status',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      const { total: _total, ...counts } = await statusCounts(db);
      for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });

  new Gauge({
    name: 'previewarr_youtube_cooloff_seconds',
    help: 'Seconds left of the YouTube cool-off (0: downloads run)',
    registers,
    async collect() {
      const status = await readRateLimitStatus(db);
      this.set(status.coolingOff ? (status.waitSeconds ?? 0) : 0);
    },
  });
  new Gauge({
    name: 'previewarr_youtube_cooloff_level',
    help: 'Cool-off level: 0 healthy, higher after repeated rate limits or bot checks',
    registers,
    async collect() {
      this.set((await readRateLimitStatus(db)).level);
    },
  });

  const readConnections = () => db.select({ name: connections.name, kind: connections.kind, health: connections.health, lastSyncAt: connections.lastSyncAt }).from(connections);
  new Gauge({
    name: 'previewarr_connection_up',
    help: 'Result of the last check of each Radarr/Sonarr connection (1 reachable, 0 failing); untested ones are left out',
    labelNames: ['connection', 'kind'] as const,
    registers,
    async collect() {
      const rows = await readConnections();
      this.reset();
      for (const row of rows) if (row.health) this.set({ connection: row.name, kind: row.kind }, row.health.ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'previewarr_connection_last_sync_timestamp_seconds',
    help: 'When each connection last finished a library sync',
    labelNames: ['connection', 'kind'] as const,
    registers,
    async collect() {
      const rows = await readConnections();
      this.reset();
      for (const row of rows) if (row.lastSyncAt) this.set({ connection: row.name, kind: row.kind }, row.lastSyncAt.getTime() / 1000);
    },
  });

  return registry;
}
