import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';

// Live updates for the pages. Progress is written to the database by whichever worker process
// runs a job (maybe another machine), so the web process polls it: ONE poll loop per kind of
// update, shared by every open page, running only while at least one page listens, and each
// page is sent a new snapshot only when it differs from the previous one.

export type Broadcast = {
  /** Receives the latest snapshot at once (when there is one) and every change after it. */
  subscribe(listener: (snapshot: string) => void): () => void;
  readonly listenerCount: number;
};

export type PollingBroadcastOptions = {
  /** Reads and renders the current state (HTML for htmx to swap in). */
  read: () => Promise<string>;
  intervalMs: number;
  onError: (err: unknown) => void;
};

export function pollingBroadcast({ read, intervalMs, onError }: PollingBroadcastOptions): Broadcast {
  const listeners = new Set<(snapshot: string) => void>();
  let last: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  // Bumped when the last listener leaves: a read still in flight from before then ends its loop
  // instead of running beside the loop a new listener starts.
  let generation = 0;
  let running = false;

  const tick = async (mine: number) => {
    timer = undefined;
    try {
      const snapshot = await read();
      if (mine === generation && snapshot !== last && listeners.size > 0) {
        last = snapshot;
        for (const listener of listeners) listener(snapshot);
      }
    } catch (err) {
      onError(err);
    }
    if (mine !== generation) return;
    // The next read is scheduled after this one ends: a slow database never piles up reads.
    if (listeners.size > 0) schedule(intervalMs, mine);
    else running = false;
  };
  const schedule = (ms: number, mine: number) => {
    timer = setTimeout(() => void tick(mine), ms);
    timer.unref();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (last !== undefined) listener(last);
      if (!running) {
        running = true;
        schedule(0, generation);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          last = undefined;
          if (timer) clearTimeout(timer);
          timer = undefined;
          generation += 1;
          running = false;
        }
      };
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}

/**
 * A `text/event-stream` response that forwards a broadcast as unnamed messages (htmx's SSE
 * extension swaps their data into the element that opened the stream), with a comment line as
 * keep-alive so proxies do not close an idle stream.
 */
export function broadcastStream(c: Context, broadcast: Broadcast, { keepAliveMs = 15_000, retryMs = 2_000 } = {}): Response {
  return streamSSE(c, async (stream) => {
    let wake: (() => void) | undefined;
    stream.onAbort(() => wake?.());
    let pending = Promise.resolve();
    const unsubscribe = broadcast.subscribe((snapshot) => {
      pending = pending.then(() => (stream.aborted ? undefined : stream.writeSSE({ data: snapshot, retry: retryMs }))).catch(() => wake?.());
    });
    try {
      while (!stream.aborted && !stream.closed) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, keepAliveMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (!stream.aborted && !stream.closed) pending = pending.then(() => stream.write(': keep-alive\n\n')).then(() => undefined);
      }
    } finally {
      unsubscribe();
    }
  });
}
