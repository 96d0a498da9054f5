import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter';

describe('AttemptLimiter', () => {
  it('blocks a key after the allowed failures until its window ends', () => {
    let now = 0;
    const limiter = new AttemptLimiter(2, 1000, () => now);
    limiter.recordFailure('a');
    expect(limiter.isBlocked('a')).toBe(false);
    limiter.recordFailure('a');
    expect(limiter.isBlocked('a')).toBe(true);
    expect(limiter.isBlocked('b')).toBe(false);
    now = 999;
    expect(limiter.isBlocked('a')).toBe(true);
    now = 1000;
    expect(limiter.isBlocked('a')).toBe(false);
  });
});
