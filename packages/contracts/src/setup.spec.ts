import { describe, expect, it } from 'vitest';
import { SetupRequestSchema } from './setup';

const valid = {
  token: 'abc',
  organizationName: 'Defence of Human Rights',
  caseReferencePrefix: 'KHI',
  adminName: 'Admin',
  adminEmail: ' Admin@Example.ORG ',
  password: 'correct horse battery staple',
};

describe('SetupRequestSchema', () => {
  it('accepts a valid request and normalises the email', () => {
    expect(SetupRequestSchema.parse(valid).adminEmail).toBe('admin@example.org');
  });

  it('rejects unknown fields', () => {
    const result = SetupRequestSchema.safeParse({ ...valid, role: 'ORG_ADMIN' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('names each bad field', () => {
    const result = SetupRequestSchema.safeParse({ ...valid, caseReferencePrefix: 'khi1', password: 'short' });
    expect(result.success).toBe(false);
    const byPath = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byPath).toEqual({
      caseReferencePrefix: 'Use 2 to 6 capital letters, e.g. KHI',
      password: 'Use at least 12 characters',
    });
  });
});
