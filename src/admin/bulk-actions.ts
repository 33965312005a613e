import { z } from 'zod';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client.ts';
import { idParamSchema } from './admin-schemas.ts';
import { setTrailerMonitored } from './item-control.ts';
import { deleteOwnTrailer, requestTrailerFetch, type ActionResult } from './media-actions.ts';

// The library's bulk selection: one action on many items, each through the same function as its
// single-item button, so the rules (and refusals) are the same. Items are taken one by one; one
// refusal does not stop the rest, and the answer counts what was done and what was not, and why.

export const BULK_ACTIONS = ['fetch', 'replace', 'delete-trailer', 'monitor', 'unmonitor'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** At most one page of the library (pageSize ≤ 200) at a time. */
export const bulkRequestSchema = z.strictObject({
  action: z.enum(BULK_ACTIONS, { error: `must be one of ${BULK_ACTIONS.join(', ')}` }),
  ids: z.array(idParamSchema).min(1, 'Select at least one item').max(200, 'At most 200 items at a time'),
});

export type BulkOutcome = { action: BulkAction; done: number[]; refused: Array<{ id: number; message: string }> };

function runOne(deps: { db: Db; boss: PgBoss | null }, action: BulkAction, id: number): Promise<ActionResult> {
  switch (action) {
    case 'fetch':
      return requestTrailerFetch(deps, id, { force: false });
    case 'replace':
      return requestTrailerFetch(deps, id, { force: true });
    case 'delete-trailer':
      return deleteOwnTrailer(deps, id);
    case 'monitor':
      return setTrailerMonitored(deps.db, id, true);
    case 'unmonitor':
      return setTrailerMonitored(deps.db, id, false);
  }
}

export async function runBulk(deps: { db: Db; boss: PgBoss | null }, action: BulkAction, ids: readonly number[]): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { action, done: [], refused: [] };
  for (const id of new Set(ids)) {
    const result = await runOne(deps, action, id);
    if (result.ok) outcome.done.push(id);
    else outcome.refused.push({ id, message: result.message });
  }
  return outcome;
}

const DONE_WORDS: Record<BulkAction, string> = {
  fetch: 'fetch queued',
  replace: 'replacement queued',
  'delete-trailer': 'trailer deletion queued',
  monitor: 'monitored',
  unmonitor: 'unmonitored',
};

/** "48 items: fetch queued; 2 not: … (and 1 more)". */
export function bulkSummary(outcome: BulkOutcome): string {
  const count = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
  const parts = [`${count(outcome.done.length)}: ${DONE_WORDS[outcome.action]}`];
  if (outcome.refused.length > 0) {
    const shown = outcome.refused.slice(0, 2).map((r) => r.message);
    const more = outcome.refused.length - shown.length;
    parts.push(`${count(outcome.refused.length)} not: ${shown.join(' ')}${more > 0 ? ` (and ${more} more)` : ''}`);
  }
  return parts.join('; ');
}
