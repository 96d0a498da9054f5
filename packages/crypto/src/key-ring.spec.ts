import { randomUUID, sign, verify } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DecryptionError } from './errors';
import { decryptString, encryptString } from './field-cipher';
import { addKekVersion, generateKeyFile, retireKekVersion, type KeyFile } from './key-file';
import { KeyRing } from './key-ring';
import { wrappingKeyVersion, type WrappedKeyName } from './key-wrap';
import { generateDataKey } from './keys';

function secretsOf(file: KeyFile): string[] {
  const base64 = [...Object.values(file.kek), file.blindIndexKey, file.auditSigningKey];
  return [...base64, ...base64.map((key) => Buffer.from(key, 'base64').toString('hex'))];
}

describe('KeyRing', () => {
  const organisationKeyName: WrappedKeyName = {
    kind: 'organisation-key',
    organizationId: randomUUID(),
    version: 1,
  };

  it('exposes KEK versions and wraps with the current one', () => {
    const file = addKekVersion(addKekVersion(generateKeyFile()));
    const ring = KeyRing.fromKeyFile(file);
    expect(ring.kekVersions).toEqual([1, 2, 3]);
    expect(ring.currentKekVersion).toBe(3);
    const organisationKey = generateDataKey();
    const wrapped = ring.wrap(organisationKey, organisationKeyName);
    expect(wrappingKeyVersion(wrapped)).toBe(3);
    expect(ring.unwrap(wrapped, organisationKeyName).equals(organisationKey)).toBe(true);
  });

  it('unwraps under an old version, re-wraps to the current, and stops at a retired one', () => {
    const first = generateKeyFile();
    const organisationKey = generateDataKey();
    const wrappedUnderOne = KeyRing.fromKeyFile(first).wrap(organisationKey, organisationKeyName);

    const second = addKekVersion(first);
    const rotated = KeyRing.fromKeyFile(second);
    expect(rotated.needsRewrap(wrappedUnderOne)).toBe(true);
    const wrappedUnderTwo = rotated.rewrap(wrappedUnderOne, organisationKeyName);
    expect(rotated.needsRewrap(wrappedUnderTwo)).toBe(false);
    expect(rotated.unwrap(wrappedUnderTwo, organisationKeyName).equals(organisationKey)).toBe(true);

    const retired = KeyRing.fromKeyFile(retireKekVersion(second, 1));
    expect(retired.kekVersions).toEqual([2]);
    expect(retired.unwrap(wrappedUnderTwo, organisationKeyName).equals(organisationKey)).toBe(true);
    expect(() => retired.unwrap(wrappedUnderOne, organisationKeyName)).toThrow(/not available/);
  });

  it('derives one account key per KEK version and reads account fields of older versions', () => {
    const file = generateKeyFile();
    const ring = KeyRing.fromKeyFile(file);
    const context = { organizationId: null, table: 'users', column: 'email_enc', rowId: randomUUID() };
    const email = encryptString('family.member@example.org', ring.accountKey(), context);
    expect(KeyRing.fromKeyFile(file).accountKey().key.equals(ring.accountKey().key)).toBe(true);

    const rotated = KeyRing.fromKeyFile(addKekVersion(file));
    expect(rotated.accountKey().version).toBe(2);
    expect(rotated.accountKey().key.equals(ring.accountKey().key)).toBe(false);
    expect(decryptString(email, rotated.accountKeys, context)).toBe('family.member@example.org');
    expect(() => decryptString(email, rotated.accountKey(), context)).toThrow(DecryptionError);
  });

  it('signs audit checkpoints with a stable key id', () => {
    const file = generateKeyFile();
    const ring = KeyRing.fromKeyFile(file);
    const head = Buffer.from('organisation chain head');
    const signature = sign(null, head, ring.auditSigningKey);
    expect(verify(null, head, ring.auditPublicKey, signature)).toBe(true);
    expect(ring.auditKeyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(KeyRing.fromKeyFile(file).auditKeyId).toBe(ring.auditKeyId);
    expect(KeyRing.fromKeyFile(generateKeyFile()).auditKeyId).not.toBe(ring.auditKeyId);
  });

  it('never shows key material when logged, inspected or serialised', () => {
    const file = addKekVersion(generateKeyFile());
    const ring = KeyRing.fromKeyFile(file);
    const shown = [
      inspect(ring, { depth: 10, showHidden: true }),
      JSON.stringify(ring),
      JSON.stringify({ ring }),
      String(ring.blindIndex),
      inspect(ring.blindIndex, { depth: 10, showHidden: true }),
      inspect(ring.currentKek(), { depth: 10 }),
      inspect(ring.auditSigningKey),
    ].join('\n');
    for (const secret of secretsOf(file)) expect(shown).not.toContain(secret);
    expect(JSON.stringify(ring)).toBe(
      `{"kekVersions":[1,2],"currentKekVersion":2,"auditKeyId":"${ring.auditKeyId}"}`,
    );
  });
});
