// A process that starts the embedded server and waits, used by embedded-postgres.spec.ts to
// check what happens when it is interrupted. Prints "ready <port>" once the server accepts
// connections. No signal handlers on purpose: the worst case for the server it leaves behind.
import { startEmbeddedPostgres } from './embedded-postgres';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: embedded-postgres.fixture.ts <dataDir>');

void startEmbeddedPostgres({ dataDir }).then((server) => {
  process.stdout.write(`ready ${server.port}\n`);
  setInterval(() => {}, 60_000);
});
