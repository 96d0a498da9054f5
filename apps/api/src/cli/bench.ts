// npm run bench: the API under load at each size, against raw SQL (docs/performance.md).
import { runBench } from '../bench/bench';

runBench(process.argv.slice(2), (line) => console.log(line)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
