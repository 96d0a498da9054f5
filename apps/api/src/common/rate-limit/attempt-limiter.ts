/** Past this many keys, ended windows are dropped so that many addresses cannot grow the map forever. */
const MAX_TRACKED_KEYS = 10_000;

/**
 * Counts failed attempts per key (e.g. a client address) in a fixed window, in memory. Enough for
 * endpoints that matter once in an installation's life (the setup token); sign-in, the second
 * factor and password reset use `RateLimiter`, shared by every API instance through the database.
 */
export class AttemptLimiter {
  private readonly windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  isBlocked(key: string): boolean {
    const window = this.current(key);
    return window !== undefined && window.failures >= this.maxFailures;
  }

  recordFailure(key: string): void {
    if (this.windows.size >= MAX_TRACKED_KEYS) this.forgetEndedWindows();
    const window = this.current(key);
    if (window) {
      window.failures += 1;
    } else {
      this.windows.set(key, { startedAt: this.now(), failures: 1 });
    }
  }

  private forgetEndedWindows(): void {
    for (const key of [...this.windows.keys()]) this.current(key);
  }

  private current(key: string) {
    const window = this.windows.get(key);
    if (window && this.now() - window.startedAt >= this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }
}
