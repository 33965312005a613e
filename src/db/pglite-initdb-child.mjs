// Run as a child process by pglite-initdb.ts: creates a new PGlite data directory (initdb) and
// exits. Plain JavaScript so it starts without the TypeScript loader.
import { PGlite } from '@electric-sql/pglite';

const target = process.argv[2];
if (!target) {
  console.error('usage: pglite-initdb-child.mjs <data directory>');
  process.exit(2);
}
const pglite = new PGlite(target);
await pglite.waitReady;
await pglite.close();
