import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes';

describe('recovery codes', () => {
  it('makes ten distinct grouped codes from the unambiguous alphabet', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('reads a code however it was typed', () => {
    expect(normaliseRecoveryCode('abcd-efgh-jkmn-pq23')).toBe('ABCDEFGHJKMNPQ23');
    expect(normaliseRecoveryCode(' ABCD EFGH JKMN PQ23 ')).toBe('ABCDEFGHJKMNPQ23');
    expect(normaliseRecoveryCode('O0IL-0000-0000-0000')).toBe('0011000000000000');
  });

  it('refuses what cannot be a code', () => {
    expect(normaliseRecoveryCode('ABCD-EFGH-JKMN')).toBeNull();
    expect(normaliseRecoveryCode('ABCD-EFGH-JKMN-PQ23-X')).toBeNull();
    expect(normaliseRecoveryCode('ABCD-EFGH-JKMN-PQU3')).toBeNull();
    expect(normaliseRecoveryCode('123456')).toBeNull();
  });

  it('hashes the normalised code with SHA-256', () => {
    const [code] = newRecoveryCodes();
    const hash = hashRecoveryCode(normaliseRecoveryCode(code!)!);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(normaliseRecoveryCode(code!.toLowerCase())!)).toBe(hash);
    expect(hash).not.toContain(code!.replace(/-/g, ''));
  });
});
