// Sending many import webhooks at once and keeping every outcome: the status and event id the
// service answered, or that no answer came (the process died, the connection was cut).
import type { JsonObject } from '../support/fake-arr-data.ts';
import { postWebhook } from '../support/arr-webhook-client.ts';
import { downloadBody } from './import-library.ts';

export type BurstReply =
  | { movieId: number; answered: true; status: number; eventId: number | undefined }
  | { movieId: number; answered: false; error: string };

/**
 * Posts one Download webhook per movie, `concurrency` at a time, until all are sent or `stop()`
 * says so. Each result is pushed to `replies` as it comes, so a test can act part-way.
 */
export async function sendBurst(
  url: string,
  apiKey: string,
  movies: readonly JsonObject[],
  replies: BurstReply[],
  { concurrency = 50, stop = () => false }: { concurrency?: number; stop?: () => boolean } = {},
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (!stop()) {
      const movie = movies[next++];
      if (!movie) return;
      try {
        const reply = await postWebhook(url, downloadBody(movie), { headers: { 'X-Api-Key': apiKey }, timeoutMs: 30_000 });
        replies.push({ movieId: movie.id, answered: true, status: reply.status, eventId: eventIdOf(reply.text) });
      } catch (err) {
        replies.push({ movieId: movie.id, answered: false, error: err instanceof Error ? err.message : String(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

function eventIdOf(text: string): number | undefined {
  try {
    const id = (JSON.parse(text) as { eventId?: unknown }).eventId;
    return typeof id === 'number' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The replies that promised the event was kept: any 2xx. */
export function acknowledged(replies: readonly BurstReply[]): Array<Extract<BurstReply, { answered: true }>> {
  return replies.filter((reply): reply is Extract<BurstReply, { answered: true }> => reply.answered && reply.status >= 200 && reply.status < 300);
}
