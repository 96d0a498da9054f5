import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError } from './errors';
import {
  WRAPPED_KEY_BYTES,
  rewrapKey,
  unwrapKey,
  wrapKey,
  wrappingKeyVersion,
  type WrappedKeyName,
} from './key-wrap';
import { generateDataKey, type VersionedKey } from './keys';

function kek(version: number): VersionedKey {
  return { version, key: generateDataKey() };
}

describe('key wrapping', () => {
  const organizationId = randomUUID();
  const caseId = randomUUID();
  const caseKeyName: WrappedKeyName = { kind: 'case-key', organizationId, caseId, version: 1 };

  it('wraps a case key under an organisation key and unwraps the same key', () => {
    const organisationKey = kek(2);
    const caseKey = generateDataKey();
    const wrapped = wrapKey(organisationKey, caseKey, caseKeyName);
    expect(wrapped.length).toBe(WRAPPED_KEY_BYTES);
    expect(wrapped[0]).toBe(0x03);
    expect(wrappingKeyVersion(wrapped)).toBe(2);
    expect(unwrapKey(wrapped, organisationKey, caseKeyName).equals(caseKey)).toBe(true);
  });

  it('refuses a wrapped key presented under another name', () => {
    const organisationKey = kek(1);
    const wrapped = wrapKey(organisationKey, generateDataKey(), caseKeyName);
    for (const other of [
      { ...caseKeyName, caseId: randomUUID() },
      { ...caseKeyName, organizationId: randomUUID() },
      { ...caseKeyName, version: 2 },
      { kind: 'organisation-key', organizationId, version: 1 } as const,
    ]) {
      expect(() => unwrapKey(wrapped, organisationKey, other)).toThrow(DecryptionError);
    }
  });

  it('fails with the wrong wrapping key, an unknown version, or altered bytes', () => {
    const organisationKey = kek(1);
    const wrapped = wrapKey(organisationKey, generateDataKey(), caseKeyName);
    expect(() => unwrapKey(wrapped, kek(1), caseKeyName)).toThrow(DecryptionError);
    expect(() => unwrapKey(wrapped, kek(2), caseKeyName)).toThrow(/not available/);
    const tampered = Buffer.from(wrapped);
    tampered[30] = (tampered[30] as number) ^ 1;
    expect(() => unwrapKey(tampered, organisationKey, caseKeyName)).toThrow(DecryptionError);
    expect(() => unwrapKey(wrapped.subarray(0, 60), organisationKey, caseKeyName)).toThrow(/malformed/);
  });

  it('re-wraps under a new version without changing the wrapped key', () => {
    const old = kek(1);
    const current = kek(2);
    const name: WrappedKeyName = { kind: 'organisation-key', organizationId, version: 3 };
    const organisationKey = generateDataKey();
    const rewrapped = rewrapKey(wrapKey(old, organisationKey, name), [old, current], current, name);
    expect(wrappingKeyVersion(rewrapped)).toBe(2);
    expect(unwrapKey(rewrapped, current, name).equals(organisationKey)).toBe(true);
  });

  it('refuses names with empty identifiers or a bad version', () => {
    expect(() => wrapKey(kek(1), generateDataKey(), { ...caseKeyName, caseId: '' })).toThrow(TypeError);
    expect(() => wrapKey(kek(1), generateDataKey(), { ...caseKeyName, version: 1.5 })).toThrow(RangeError);
  });
});
