import autocannon from 'autocannon';
import type pg from 'pg';

/** What one load run measured. Latencies in milliseconds. */
export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  /** Completed requests per second (successful ones only). */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  /** Answers other than 2xx, and transport errors. */
  failures: number;
  /** The failed answers by HTTP status ("error" and "timeout" for the transport's). */
  failuresByStatus?: Record<string, number>;
}

export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 100) / 100;
}

function summarise(connections: number, seconds: number, latencies: number[], failures: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    connections,
    seconds,
    requests: latencies.length,
    throughput: Math.round(((latencies.length - failures) / seconds) * 10) / 10,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failures,
  };
}

/**
 * Drives the API with autocannon for `seconds` at `connections`; `next()` gives each request
 * (a different case each time, for instance). Percentiles come from every response's own time
 * (autocannon's summary has no p95).
 */
export async function runHttpLoad(url: string, connections: number, seconds: number, next: () => HttpRequestSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const byStatus: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }] },
      (error, finished) => (error ? reject(error as Error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) {
        failures += 1;
        byStatus[statusCode] = (byStatus[statusCode] ?? 0) + 1;
      }
    });
  });
  failures += result.errors + result.timeouts;
  if (result.errors) byStatus.error = result.errors;
  if (result.timeouts) byStatus.timeout = result.timeouts;
  const summary = summarise(connections, seconds, latencies, failures);
  return failures ? { ...summary, failuresByStatus: byStatus } : summary;
}

/**
 * The physical-limit baseline: `connections` loops running `query` on a pg pool for `seconds`,
 * without HTTP, access checks, decryption or audit.
 */
export async function runRawLoad(pool: pg.Pool, connections: number, seconds: number, query: (client: pg.PoolClient) => Promise<unknown>): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (performance.now() < deadline) {
        const started = performance.now();
        try {
          await query(client);
        } catch {
          failures += 1;
        }
        latencies.push(performance.now() - started);
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return summarise(connections, seconds, latencies, failures);
}
