// A second baseline for ingest: the bare Hono route plus the least a durable webhook needs from
// the database, one transaction inserting the body into a scratch table, on the service's own
// database handle. The service against it shows what our validation, dedupe and job enqueue cost
// above the database's floor; the bare route alone shows the HTTP floor.
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Db } from '../src/db/client.ts';
import { BARE_PATH, serveLoopback, type BareServer } from './bare-hono.ts';

export async function startDbFloorServer(db: Db): Promise<BareServer> {
  await db.execute(sql`create table if not exists bench_floor (id bigserial primary key, body text not null, received_at timestamptz not null default now())`);
  const app = new Hono();
  app.post(BARE_PATH, async (c) => {
    const body = await c.req.text();
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into bench_floor (body) values (${body})`);
    });
    return c.json({ accepted: true }, 202);
  });
  return serveLoopback(app);
}
