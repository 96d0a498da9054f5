import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { testKeyEnv } from '../../testing/test-env';
import { RateLimitedError } from '../errors/api-error';
import type { RateLimitRule } from './rate-limit-rules';
import { RateLimiter } from './rate-limiter';

const rule: RateLimitRule = { name: 'test-rule', limit: 5, windowMs: 60_000 };

describe('RateLimiter', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    // Two API instances on one database, with the same keys, as in a deployment.
    const keys = testKeyEnv();
    first = await startTestApp({ env: keys });
    second = await startTestApp({ database: first.database, env: keys });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const outcome = (promise: Promise<void>) =>
    promise.then(
      () => 'allowed',
      (error: unknown) => (error instanceof RateLimitedError ? 'limited' : Promise.reject(error)),
    );

  it('counts attempts made through every API instance together', async () => {
    const limiters = [first.app.get(RateLimiter), second.app.get(RateLimiter)];
    const subject = limiters[0]!.emailSubject('Shared@Example.org');
    expect(limiters[1]!.emailSubject(' shared@example.org ')).toBe(subject);
    const results: string[] = [];
    for (let i = 0; i < 6; i++) results.push(await outcome(limiters[i % 2]!.consume({ rule, subject })));
    expect(results).toEqual(['allowed', 'allowed', 'allowed', 'allowed', 'allowed', 'limited']);
  });

  it('lets exactly `limit` of many simultaneous attempts through', async () => {
    const limiter = first.app.get(RateLimiter);
    const subject = limiter.clientSubject('192.0.2.7');
    const results = await Promise.all(Array.from({ length: 12 }, () => outcome(limiter.consume({ rule, subject }))));
    expect(results.filter((result) => result === 'allowed')).toHaveLength(5);
  });

  it('gives back and clears attempts, and starts a new window when the last one ended', async () => {
    const limiter = first.app.get(RateLimiter);
    const subject = limiter.userSubject('0197a3c2-5d1e-7000-8000-000000000001');
    for (let i = 0; i < 5; i++) await limiter.consume({ rule, subject });
    await limiter.giveBack({ rule, subject });
    expect(await outcome(limiter.consume({ rule, subject }))).toBe('allowed');
    expect(await outcome(limiter.consume({ rule, subject }))).toBe('limited');
    await limiter.clear({ rule, subject });
    expect(await outcome(limiter.consume({ rule, subject }))).toBe('allowed');

    await first.database.prisma.rateLimitBucket.update({
      where: { key: `test-rule:${subject}` },
      data: { count: 99, resetAt: new Date(Date.now() - 1) },
    });
    expect(await outcome(limiter.consume({ rule, subject }))).toBe('allowed');
    const bucket = await first.database.prisma.rateLimitBucket.findUniqueOrThrow({ where: { key: `test-rule:${subject}` } });
    expect(bucket.count).toBe(1);
    expect(bucket.resetAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it('never keys a bucket by the address or email itself', async () => {
    const limiter = first.app.get(RateLimiter);
    for (const subject of [limiter.emailSubject('someone@example.org'), limiter.clientSubject('192.0.2.55')]) {
      expect(subject).toMatch(/^[A-Za-z0-9_-]{22}$/);
    }
    expect(limiter.emailSubject('a@example.org')).not.toBe(limiter.userSubject('a@example.org'));
  });
});
