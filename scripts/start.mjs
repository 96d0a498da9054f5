// `npm start`: runs Lapata on this machine until Ctrl-C. See stack.mjs for what starts, and how.
import { AlreadyRunningError, Stack } from './stack.mjs';

const stack = new Stack();
let stopRequestedAt;

async function stop(signal) {
  const now = Date.now();
  if (stopRequestedAt !== undefined) {
    // npm passes the terminal's Ctrl-C on to this process as well, so one press can arrive twice
    // within milliseconds; only a later press means "stop now".
    if (now - stopRequestedAt < 500) return;
    console.error('Stopping at once.');
    stack.forceStop();
    process.exit(130);
  }
  stopRequestedAt = now;
  console.log(signal === 'SIGINT' ? 'Stopping (Ctrl-C again to force)…' : 'Stopping…');
  try {
    await stack.stop();
  } catch (error) {
    console.error(`Stopping failed: ${error.message}`);
    process.exit(1);
  }
  console.log('Lapata stopped.');
  process.exit(0);
}

async function main() {
  try {
    await stack.start();
  } catch (error) {
    if (stopRequestedAt !== undefined) return; // cancelled by Ctrl-C: stop() finishes and exits
    if (!(error instanceof AlreadyRunningError) && error.output) console.error(error.output.trimEnd());
    console.error(error.message);
    process.exit(1);
  }

  console.log(`\nLapata is running at ${stack.webUrl}  (Ctrl-C stops it)\n`);

  const failure = await stack.failure;
  if (stopRequestedAt !== undefined) return;
  stopRequestedAt = Date.now();
  console.error(`${failure.message}; stopping Lapata.`);
  await stack.stop().catch((error) => console.error(`Stopping failed: ${error.message}`));
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(signal));
void main();
