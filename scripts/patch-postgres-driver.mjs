// Runs after `npm install`/`npm ci` (postinstall). Repairs a defect of the postgres.js driver
// (3.4.9, upstream issues porsager/postgres#1066, #1154, #1208): when a connection's socket
// closes — the server restarts, or kills the backend — while a transaction is open, the driver
// writes ROLLBACK on the closed connection from a setImmediate callback. That throws
// "Cannot read properties of null (reading 'write')" outside any promise, which ends the whole
// process, and it leaves the connection unable to send anything again, so every later query on it
// times out. And a session the server ended with an error (a terminated backend) leaves its last
// query and error behind, which the next session then mistakes for its own: the new query fails
// with the old error and the connection never opens again. Previewarr must survive a database
// restart, so the driver is repaired in place:
//   - nextWrite on a closed connection rejects the pending queries with CONNECTION_CLOSED;
//   - closing a connection forgets its pending write, so a reconnect can write its handshake;
//   - closing a connection rejects every query the dead session still owed an answer, and
//     forgets that session's query and error.
// test/guarantees/database-outage.test.ts fails if this repair is missing. Plain JS so it runs
// before anything is compiled; idempotent.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = '/* previewarr: closed-socket guard */';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');

const edits = [
  {
    find: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    replace:
      `  function nextWrite(fn) {\n    ${MARKER}\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n` +
      `      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n` +
      '    const x = socket.write(chunk, fn)',
  },
  {
    // terminate()
    find: '    clearImmediate(nextWriteTimer)\n    if (socket) {',
    replace: '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {',
  },
  {
    // closed()
    find: "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)",
    replace: "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)",
  },
  {
    // closed(): whatever the dead session still owed an answer is rejected now, even when the
    // socket ended with an error (a ROLLBACK queued after the error was reported is otherwise
    // carried into the next session, which then waits for its answer forever); then the dead
    // session's query and error are forgotten, or the next session's first ReadyForQuery fails
    // the new query with the old error (e.g. 57P01 after the backend was terminated).
    find: "    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n",
    replace:
      `    ${MARKER.replace('guard', 'reset')}\n` +
      "    ;(query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n" +
      '    query = results = errorResponse = null\n',
  },
];

if (!existsSync(root)) process.exit(0); // not installed (yet): nothing to repair

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
let problems = 0;
for (const build of ['src', 'cjs/src', 'cf/src']) {
  const file = join(root, build, 'connection.js');
  if (!existsSync(file)) continue;
  let text = readFileSync(file, 'utf8');
  if (text.includes(MARKER)) continue;
  for (const edit of edits) {
    if (!text.includes(edit.find)) {
      problems++;
      continue;
    }
    text = text.replace(edit.find, edit.replace);
  }
  writeFileSync(file, text);
}
if (problems > 0) {
  // A newer driver may carry its own fix; the outage test tells whether it does.
  console.warn(
    `patch-postgres-driver: postgres ${version} does not look like 3.4.9 (${problems} edit(s) not applied); ` +
      'run test/guarantees/database-outage.test.ts to check that a database restart is still survived.',
  );
}
