// A database that is busy is not a database that is down. postgres.js gives a query that finds no
// idle pool connection a new connection of its own, and when the server refuses that one (all
// slots taken: 53300 "too many clients"; still starting: 57P03) or it cannot be opened in time
// under load (CONNECT_TIMEOUT), the query fails at once — although the pool's other connections
// work, and the next attempt usually finds one of them idle. Deadlocks and serialization failures
// are the same kind of refusal: the server asks for the transaction to be tried again. Work that
// is safe to repeat (one transaction, all or nothing) is retried for a short while on these
// errors; a server that refuses the TCP connection is down, and that fails at once.

import { databaseErrorCodes } from './db-errors.ts';

/** SQLSTATEs that refuse this attempt only: too many connections, starting up, deadlock, serialization, connection exceptions (class 08). */
const TRANSIENT_SQLSTATES = new Set(['53300', '57P03', '40P01', '40001']);
/** postgres.js and Node socket errors of one attempt; CONNECTION_ENDED/DESTROYED mean the pool was shut down, ECONNREFUSED that nothing listens. */
const TRANSIENT_CONNECTION_CODES = new Set(['CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** A backend ended by an administrator (57P01): the next connection works unless the server is stopping, which then refuses it. */
const ENDED_SESSION = '57P01';

/** True when the error refused this attempt only, so the same work may succeed when tried again. */
export function isTransientDatabaseError(err: unknown): boolean {
  return databaseErrorCodes(err).some(
    (code) => TRANSIENT_SQLSTATES.has(code) || TRANSIENT_CONNECTION_CODES.has(code) || code === ENDED_SESSION || code.startsWith('08'),
  );
}

export type TransientRetryOptions = {
  /** No attempt starts after this long; the last error is then thrown. */
  withinMs: number;
  /** Waits between attempts grow from this (with jitter, so waiting callers do not retry in step) … */
  firstDelayMs?: number;
  /** … up to this. */
  maxDelayMs?: number;
};

/**
 * Runs `attempt` again while it fails with a transient database error and `withinMs` has not
 * passed. Only for work that is all or nothing (a transaction) or only reads.
 */
export async function retryTransient<T>(attempt: () => Promise<T>, { withinMs, firstDelayMs = 20, maxDelayMs = 250 }: TransientRetryOptions): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (let delay = firstDelayMs; ; delay = Math.min(delay * 2, maxDelayMs)) {
    try {
      return await attempt();
    } catch (err) {
      const wait = delay / 2 + Math.random() * delay;
      if (!isTransientDatabaseError(err) || Date.now() + wait >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
