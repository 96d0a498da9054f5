import { describe, expect, it } from 'vitest';
import { e2eStack } from './stack-context';

const stack = e2eStack();
const ONE_YEAR = 365 * 24 * 60 * 60;

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...sources]) => [name ?? '', sources]),
  );
}

/** What every answer of the web's origin carries, page or forwarded API answer alike. */
function expectCommonHeaders(response: Response) {
  const hsts = /^max-age=(\d+)/.exec(response.headers.get('strict-transport-security') ?? '');
  expect(Number(hsts?.[1])).toBeGreaterThanOrEqual(ONE_YEAR);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const policy = directives(response.headers.get('content-security-policy') ?? '');
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  return policy;
}

// Headers are checked over HTTP, without the browser, on the stack the browser tests use.
describe.skipIf(!stack)('security headers on the web origin', () => {
  const webUrl = stack?.webUrl ?? '';

  it('puts a fresh nonce-based policy and no-store on every page, the account pages included', async () => {
    const nonces = new Set<string>();
    for (const path of ['/en/login', '/ur/login', '/en/password-reset', '/en/password-reset/expired-link', '/en/account', '/en/app']) {
      const response = await fetch(`${webUrl}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBeLessThan(500);
      const policy = expectCommonHeaders(response);
      const nonce = policy.get('script-src')?.find((source) => source.startsWith("'nonce-"));
      expect(nonce, path).toBeDefined();
      expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(6);
  });

  it('keeps the API headers on answers forwarded under /api, errors included', async () => {
    for (const [path, status] of [
      ['/api/health', 200],
      ['/api/auth/session', 401],
    ] as const) {
      const response = await fetch(`${webUrl}${path}`);
      expect(response.status, path).toBe(status);
      const policy = expectCommonHeaders(response);
      expect(policy.get('default-src')).toEqual(["'none'"]);
    }
  });
});
