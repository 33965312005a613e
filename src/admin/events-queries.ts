import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { connections, webhookEvents } from '../db/schema/index.ts';
import { containsPattern, pageWindow, type EventsQuery } from './admin-schemas.ts';

export type EventListItem = {
  id: number;
  source: 'radarr' | 'sonarr';
  connectionName: string | null;
  instanceName: string | null;
  eventType: string;
  state: (typeof webhookEvents.$inferSelect)['state'];
  summary: string | null;
  error: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  /** Set while the event waits for something that can still change: when it is tried next. */
  nextTryAt: Date | null;
};

export type EventPage = { items: EventListItem[]; total: number; page: number; pageSize: number; pages: number };

function eventFilters(query: EventsQuery): SQL | undefined {
  const filters: SQL[] = [];
  if (query.state !== 'all') filters.push(eq(webhookEvents.state, query.state));
  if (query.source !== 'all') filters.push(eq(webhookEvents.source, query.source));
  const q = query.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    filters.push(or(ilike(webhookEvents.eventType, pattern), ilike(webhookEvents.instanceName, pattern), ilike(webhookEvents.summary, pattern))!);
  }
  return filters.length ? and(...filters) : undefined;
}

/** The webhook log, newest first, including events from instances that match no connection. */
export async function listEvents(db: Db, query: EventsQuery): Promise<EventPage> {
  const where = eventFilters(query);
  const [totalRow] = await db.select({ n: count() }).from(webhookEvents).where(where);
  const total = Number(totalRow?.n ?? 0);
  const { page, pages, offset } = pageWindow(total, query.page, query.pageSize);
  const items = await db
    .select({
      id: webhookEvents.id,
      source: webhookEvents.source,
      connectionName: connections.name,
      instanceName: webhookEvents.instanceName,
      eventType: webhookEvents.eventType,
      state: webhookEvents.state,
      summary: webhookEvents.summary,
      error: webhookEvents.error,
      receivedAt: webhookEvents.receivedAt,
      processedAt: webhookEvents.processedAt,
      nextTryAt: webhookEvents.nextTryAt,
    })
    .from(webhookEvents)
    .leftJoin(connections, eq(connections.id, webhookEvents.connectionId))
    .where(where)
    .orderBy(desc(webhookEvents.receivedAt), desc(webhookEvents.id))
    .limit(query.pageSize)
    .offset(offset);
  return { items, total, page, pageSize: query.pageSize, pages };
}
