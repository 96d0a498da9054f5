import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, createNonce } from './content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ');
      return [name ?? '', sources];
    }),
  );
}

describe('createNonce', () => {
  it('makes a base64 value of 16 random bytes', () => {
    const nonce = createNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });

  it('never repeats', () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
  });
});

describe('buildContentSecurityPolicy', () => {
  const policy = directives(buildContentSecurityPolicy('abc123=='));

  it('allows scripts only by nonce, and what they load', () => {
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
  });

  it('locks down plugins, base, framing and form targets', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
  });

  it('names no other origin: fonts, styles and requests stay on this one', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).toMatch(/^('self'|'none'|'strict-dynamic'|'nonce-[^']+'|data:|blob:)$/);
      }
    }
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(policy.get('script-src')).not.toContain("'unsafe-eval'");
    const development = directives(buildContentSecurityPolicy('n', { development: true }));
    expect(development.get('script-src')).toContain("'unsafe-eval'");
  });
});
