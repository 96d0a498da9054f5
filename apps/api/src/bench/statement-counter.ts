import pg from 'pg';

/** A statement as the pg client received it (Prisma's adapter sends a config object). */
export interface RecordedStatement {
  text: string;
  values: unknown[];
}

/**
 * Counts every statement any pg client of this process sends (Prisma's adapter goes through
 * `pg.Client#query`, BEGIN and COMMIT included) and, while `record` runs, keeps their text and
 * values. Installed once per process: by the query-plan test in its own worker, and preloaded
 * (`node --require`) into the API the benchmark starts — never into a normal start.
 */
export class StatementCounter {
  static #installed: StatementCounter | undefined;
  count = 0;
  #recording: RecordedStatement[] | null = null;

  static install(): StatementCounter {
    if (StatementCounter.#installed) return StatementCounter.#installed;
    const counter = new StatementCounter();
    const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = prototype.query;
    prototype.query = function countedQuery(this: unknown, ...args: unknown[]) {
      counter.#seen(args);
      return original.apply(this, args);
    };
    StatementCounter.#installed = counter;
    return counter;
  }

  #seen(args: unknown[]): void {
    this.count += 1;
    if (!this.#recording) return;
    const [first, second] = args;
    if (typeof first === 'string') this.#recording.push({ text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof first === 'object' && 'text' in first) {
      const config = first as { text: string; values?: unknown[] };
      this.#recording.push({ text: config.text, values: config.values ?? [] });
    }
  }

  /** Runs `fn` and returns the statements sent meanwhile (by anyone in this process). */
  async record(fn: () => Promise<unknown>): Promise<RecordedStatement[]> {
    const recorded: RecordedStatement[] = [];
    this.#recording = recorded;
    try {
      await fn();
    } finally {
      this.#recording = null;
    }
    return recorded;
  }
}

export interface StatementCounterReply {
  type: 'bench:stats';
  statements: number;
  /** Peak resident set size of the process so far, in bytes. */
  maxRssBytes: number;
}

// Preloaded into the benchmark's API (a child with an IPC channel): answer its questions.
if (process.send && process.env.LAPATA_BENCH_STATEMENT_COUNTER === 'on') {
  const counter = StatementCounter.install();
  process.on('message', (message: unknown) => {
    if (message !== 'bench:stats') return;
    const reply: StatementCounterReply = { type: 'bench:stats', statements: counter.count, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
    process.send?.(reply);
  });
}
