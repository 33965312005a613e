// Group commit for webhooks. Each webhook must be durable (event row + job committed) before its
// 2xx, but one transaction per request costs five round trips and a commit each. So requests that
// arrive while a transaction is being written wait for it and then go together in the next one:
// one connection read, one multi-row event insert, one job insert, one commit. An idle service
// writes a lone webhook at once (no added wait); a busy one writes as many as arrived meanwhile.
import type { PgBoss } from 'pg-boss';
import type { Db, Tx } from '../db/client.ts';
import { isForeignKeyViolation } from '../db/db-errors.ts';
import { retryTransient } from '../db/transient-retry.ts';
import { connections, webhookEvents, type ConnectionRow } from '../db/schema/index.ts';
import type { ArrSource, WebhookAction } from '../domain/event-action.ts';
import { enqueueManyInTransaction } from '../jobs/enqueue.ts';
import { QUEUES } from '../jobs/queues.ts';
import { chooseConnection, type ConnectionChoice } from './connection-choice.ts';
import { dispositionOf } from './event-disposition.ts';
import { eventRowValues, storeWebhookEvent, type StoredWebhookEvent } from './store-event.ts';

export type IncomingWebhook = {
  source: ArrSource;
  /** `?connection=<name>` from the webhook URL. */
  hint: string | null;
  instanceName: string | null;
  eventType: string;
  dedupeKey: string;
  rawBody: string;
  /** What the event asks for; with its connection this decides between a job and a wait. */
  action: WebhookAction;
};

export type ReceivedWebhook = { choice: ConnectionChoice<ConnectionRow>; stored: StoredWebhookEvent };

export type WebhookInbox = {
  /** Resolves once the event (and its job) is committed; rejects when it could not be stored. */
  receive(webhook: IncomingWebhook): Promise<ReceivedWebhook>;
};

/** Enough to amortise the round trips; small enough that one statement stays a few hundred KiB. */
export const MAX_BATCH = 50;

type Waiting = {
  webhook: IncomingWebhook;
  resolve(received: ReceivedWebhook): void;
  reject(err: unknown): void;
  /** Written once more after the connection it chose was deleted meanwhile (see `writeAgain`). */
  rewritten?: true;
};

/**
 * Transactions written at once. One would leave a webhook waiting out the batch before its own;
 * a few in flight keep the reply near one transaction's time while batches still form under load.
 */
export const WRITERS = 3;

/**
 * How long a write refused by a busy server (no free connection slot, a deadlock) is tried
 * again before the sender gets its 503. A server that is down refuses the connection, which is
 * not retried, so an outage is still answered at once.
 */
export const STORE_RETRY_MS = 5_000;

export function createWebhookInbox(db: Db, boss: PgBoss, writers = WRITERS): WebhookInbox {
  const waiting: Waiting[] = [];
  let writing = 0;

  async function drain(): Promise<void> {
    writing += 1;
    try {
      while (waiting.length > 0) await writeBatch(db, boss, waiting.splice(0, MAX_BATCH));
    } finally {
      writing -= 1;
    }
  }

  return {
    receive(webhook) {
      return new Promise<ReceivedWebhook>((resolve, reject) => {
        waiting.push({ webhook, resolve, reject });
        if (writing < writers) void drain();
      });
    },
  };
}

/** Settles every waiting request; never throws. */
async function writeBatch(db: Db, boss: PgBoss, batch: Waiting[]): Promise<void> {
  let outcomes: Outcome[];
  try {
    outcomes = await retryTransient(() => db.transaction((tx) => insertBatch(tx, boss, batch.map((w) => w.webhook))), { withinMs: STORE_RETRY_MS });
  } catch (err) {
    if (batch.length === 1) return writeAgain(db, boss, batch[0]!, err);
    // One bad event must not cost the others their delivery: write each on its own. When the
    // database is down they all fail, in parallel rather than one timeout after another.
    await Promise.all(batch.map((w) => writeBatch(db, boss, [w])));
    return;
  }
  await Promise.all(batch.map((w, index) => settle(db, boss, w, outcomes[index]!)));
}

async function settle(db: Db, boss: PgBoss, w: Waiting, outcome: Outcome): Promise<void> {
  if (outcome.kind === 'stored') return w.resolve({ choice: outcome.choice, stored: outcome.stored });
  // The key was taken before this batch: a duplicate, or an old event to retire first.
  try {
    const stored = await retryTransient(() => storeWebhookEvent(db, boss, storeInput(w.webhook, outcome.choice)), { withinMs: STORE_RETRY_MS });
    w.resolve({ choice: outcome.choice, stored });
  } catch (err) {
    await writeAgain(db, boss, w, err);
  }
}

/**
 * The connection the event chose was deleted between the transaction's read of the connections
 * and its insert (a foreign-key violation, not a database problem): written once more from the
 * start, which reads the connections again. Anything else is the sender's 503.
 */
async function writeAgain(db: Db, boss: PgBoss, w: Waiting, err: unknown): Promise<void> {
  if (w.rewritten || !isForeignKeyViolation(err)) return w.reject(err);
  await writeBatch(db, boss, [{ ...w, rewritten: true }]);
}

type Outcome =
  | { kind: 'stored'; choice: ConnectionChoice<ConnectionRow>; stored: StoredWebhookEvent }
  | { kind: 'key-taken'; choice: ConnectionChoice<ConnectionRow> };

async function insertBatch(tx: Tx, boss: PgBoss, webhooks: IncomingWebhook[]): Promise<Outcome[]> {
  const all = await tx.select().from(connections).orderBy(connections.id);
  const planned = webhooks.map((webhook) => {
    const choice = chooseConnection(webhook.source, all.filter((row) => row.kind === webhook.source), webhook);
    return { webhook, choice, disposition: dispositionOf(webhook.source, webhook.action, webhook.instanceName, choice) };
  });
  const rows = await tx
    .insert(webhookEvents)
    .values(planned.map((p) => eventRowValues(storeInput(p.webhook, p.choice, p.disposition))))
    .onConflictDoNothing({ target: webhookEvents.dedupeKey })
    .returning({ id: webhookEvents.id, state: webhookEvents.state, dedupeKey: webhookEvents.dedupeKey });
  const inserted = new Map(rows.map((row) => [row.dedupeKey, row]));

  // With DO NOTHING, the first of several equal keys in one statement is inserted and the rest
  // skipped, so the first webhook with a key owns the row and later ones are its duplicates.
  const owners = new Set<string>();
  const outcomes = planned.map(({ webhook, choice, disposition }): Outcome & { job?: number } => {
    const row = inserted.get(webhook.dedupeKey);
    if (!row) return { kind: 'key-taken', choice };
    if (owners.has(webhook.dedupeKey)) return { kind: 'stored', choice, stored: { eventId: row.id, duplicate: true, state: row.state } };
    owners.add(webhook.dedupeKey);
    const job = disposition.kind === 'job' ? row.id : undefined;
    return { kind: 'stored', choice, stored: { eventId: row.id, duplicate: false, state: row.state }, job };
  });
  const jobs = outcomes.flatMap((o) => (o.job === undefined ? [] : [{ data: { eventId: o.job } }]));
  await enqueueManyInTransaction(boss, tx, QUEUES.webhookEvent, jobs);
  return outcomes;
}

function storeInput(
  webhook: IncomingWebhook,
  choice: ConnectionChoice<ConnectionRow>,
  disposition = dispositionOf(webhook.source, webhook.action, webhook.instanceName, choice),
) {
  return {
    source: webhook.source,
    connectionId: choice.connection?.id ?? null,
    connectionHint: webhook.hint,
    instanceName: webhook.instanceName,
    eventType: webhook.eventType,
    dedupeKey: webhook.dedupeKey,
    rawBody: webhook.rawBody,
    disposition,
  };
}
