// npm run seed:large -- --cases 100000: a synthetic register for the benchmark (docs/performance.md).
import { SingleBar } from 'cli-progress';
import { openBenchServer } from '../bench/bench-environment';
import { parseSeedOptions, seedBenchDatabase } from '../bench/seed-large';

async function main(): Promise<void> {
  const options = parseSeedOptions(process.argv.slice(2));
  const server = await openBenchServer((line) => console.log(line));
  try {
    console.log(
      `Seeding ${options.cases} synthetic cases in ${options.organizations} organisations (${options.proceedingsPerCase} proceedings, ` +
        `${options.hearingsPerCase} hearings, ${options.diaryPerCase} diary entries per case; ${options.users} users)…`,
    );
    const bar = new SingleBar({
      format: '  {bar} {percentage}% | {value}/{total} cases | {rate} cases/s | {rows} rows | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 20,
      // In a log (CI, a pipe) a line every few seconds instead of a redrawn bar.
      noTTYOutput: true,
      notTTYSchedule: 5_000,
    });
    const started = performance.now();
    bar.start(options.cases, 0, { rate: '0', rows: 0 });
    const result = await seedBenchDatabase(server, options, (done, rows) => {
      bar.update(done, { rate: (done / ((performance.now() - started) / 1000)).toFixed(0), rows });
    });
    bar.stop();
    console.log(`Done: ${result.rows} rows in ${result.seconds.toFixed(1)} s (database ${result.database}).`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
