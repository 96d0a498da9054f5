// Runs the embedded PostgreSQL of `npm start` in a process group of its own, started by stack.mjs
// with an IPC channel. A Ctrl-C in the terminal then reaches only the orchestrator, which stops
// this server last, after the API that uses it, instead of every process at once.
// Usage: node embedded-database.mjs <dataDir> <port>
import { createRequire } from 'node:module';

const { startEmbeddedPostgres } = createRequire(import.meta.url)('@lapata/db');
const [dataDir, port] = process.argv.slice(2);

let server;
try {
  server = await startEmbeddedPostgres({ dataDir, port: Number(port), onLog: (line) => console.log(line) });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
process.send({ connectionString: server.connectionString });

let stopping;
function stop() {
  stopping ??= server.stop().then(() => process.exit(0));
}
process.on('message', (message) => {
  if (message === 'stop') stop();
});
// The orchestrator is gone (killed before it could stop us): do not leave the server behind.
process.on('disconnect', stop);
// Stopped from outside (the orchestrator's last resort, or by hand): stop the server first.
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
void server.exited.then(() => {
  if (!stopping) {
    console.error('PostgreSQL stopped on its own');
    process.exit(1);
  }
});
