// Which configured connection a webhook belongs to. Several Radarr (or Sonarr) instances may post
// to the same URL, so the sender can say which one it is; otherwise its instance name decides,
// and with a single connection of that kind there is nothing to decide.
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { connections, type ConnectionRow } from '../db/schema/index.ts';
import type { ArrSource } from '../domain/event-action.ts';

export type ConnectionClues = {
  /** `?connection=<name>` from the webhook URL. */
  hint: string | null;
  /** The payload's `instanceName` (Radarr's Settings → General → Instance Name). */
  instanceName: string | null;
};

export type ConnectionChoice<C> = { connection: C } | { connection: null; why: string };

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * Picks among the connections of the webhook's kind:
 * 1. `?connection=<name>`, case-insensitively — and only that: a name the user typed that matches
 *    nothing must not silently land on another instance;
 * 2. else the connection named like the payload's `instanceName`;
 * 3. else the only connection of that kind.
 */
export function chooseConnection<C extends { name: string }>(
  source: ArrSource,
  candidates: readonly C[],
  clues: ConnectionClues,
): ConnectionChoice<C> {
  const app = source === 'radarr' ? 'Radarr' : 'Sonarr';
  if (clues.hint !== null) {
    const named = candidates.find((candidate) => sameName(candidate.name, clues.hint as string));
    return named
      ? { connection: named }
      : { connection: null, why: `no ${app} connection is named "${clues.hint}" (from ?connection= in the webhook URL)` };
  }
  if (clues.instanceName !== null) {
    const named = candidates.find((candidate) => sameName(candidate.name, clues.instanceName as string));
    if (named) return { connection: named };
  }
  const [only, ...others] = candidates;
  if (only && others.length === 0) return { connection: only };
  if (candidates.length === 0) return { connection: null, why: `no ${app} connection is set up yet` };
  return {
    connection: null,
    why: `${candidates.length} ${app} connections exist and none is named "${clues.instanceName ?? ''}"; add ?connection=<name> to the webhook URL`,
  };
}

/** The events-log line (and webhook reply) for an event no connection claims yet. */
export function needsSetupSummary(why: string): string {
  return `Kept, not acted on yet: ${why}. It runs once that connection is added in Previewarr.`;
}

export async function connectionsOfKind(db: Db | Tx, source: ArrSource): Promise<ConnectionRow[]> {
  return db.select().from(connections).where(eq(connections.kind, source)).orderBy(connections.id);
}

export async function resolveConnection(
  db: Db | Tx,
  source: ArrSource,
  clues: ConnectionClues,
): Promise<ConnectionChoice<ConnectionRow>> {
  return chooseConnection(source, await connectionsOfKind(db, source), clues);
}
