/**
 * Rows for route tests, inserted the way sync and the pipeline would leave them.
 *   const conn = await seedConnection(db);
 *   const item = await seedMedia(db, conn.id, { title: 'Arrival', trailerStatus: 'have' });
 */
import type { Db } from '../../src/db/client.ts';
import { connections, media, trailerCandidates } from '../../src/db/schema/index.ts';

let counter = 0;

export async function seedConnection(db: Db, values: Partial<typeof connections.$inferInsert> = {}) {
  counter += 1;
  const [row] = await db
    .insert(connections)
    .values({ name: `Radarr ${counter}`, kind: 'radarr', baseUrl: 'http://127.0.0.1:9', apiKey: 'arr-secret-key-0123456789', ...values })
    .returning();
  return row!;
}

export async function seedMedia(db: Db, connectionId: number, values: Partial<typeof media.$inferInsert> = {}) {
  counter += 1;
  const [row] = await db
    .insert(media)
    .values({ connectionId, arrId: counter, kind: 'movie', title: `Movie ${counter}`, year: 2000 + (counter % 25), folderPath: `/movies/Movie ${counter}`, ...values })
    .returning();
  return row!;
}

export async function seedCandidate(db: Db, mediaId: number, videoId: string, values: Partial<typeof trailerCandidates.$inferInsert> = {}) {
  const [row] = await db
    .insert(trailerCandidates)
    .values({ mediaId, videoId, url: `http://127.0.0.1:9/clips/${videoId}.mp4`, source: 'search', score: 10, rank: 1, ...values })
    .returning();
  return row!;
}
