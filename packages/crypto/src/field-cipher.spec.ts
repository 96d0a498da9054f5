import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError } from './errors';
import {
  decryptField,
  decryptJson,
  decryptString,
  encryptField,
  encryptJson,
  encryptString,
  reencryptField,
} from './field-cipher';
import type { FieldContext } from './field-context';
import { readEnvelopeHeader } from './envelope';
import { generateDataKey, type VersionedKey } from './keys';

function personContext(overrides: Partial<FieldContext> = {}): FieldContext {
  return {
    organizationId: randomUUID(),
    table: 'missing_persons',
    column: 'full_name_native_enc',
    rowId: randomUUID(),
    ...overrides,
  };
}

function caseKey(version = 1): VersionedKey {
  return { version, key: generateDataKey() };
}

function decryptionFailure(run: () => unknown): DecryptionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DecryptionError);
    return error as DecryptionError;
  }
  throw new Error('expected a DecryptionError');
}

describe('field encryption', () => {
  it('round-trips strings in both scripts, the empty string and JSON values', () => {
    const key = caseKey();
    const context = personContext();
    for (const value of ['محمد علی', 'Muhammad Ali', '', '12345-1234567-1']) {
      expect(decryptString(encryptString(value, key, context), key, context)).toBe(value);
    }
    const phones = { phones: ['+92 300 1234567'], verified: false, rank: 2 };
    expect(decryptJson(encryptJson(phones, key, context), key, context)).toEqual(phones);
  });

  it('lays out format, key version, IV, ciphertext and tag, with a fresh IV each time', () => {
    const key = caseKey(7);
    const context = personContext();
    const first = encryptString('علی رضا', key, context);
    const second = encryptString('علی رضا', key, context);
    expect(first[0]).toBe(0x01);
    expect(first.readUInt32BE(1)).toBe(7);
    expect(first.length).toBe(5 + 12 + Buffer.byteLength('علی رضا') + 16);
    expect(first.equals(second)).toBe(false);
    expect(readEnvelopeHeader(first)).toEqual({ format: 'field', keyVersion: 7 });
  });

  it('accepts the plain Uint8Array that Prisma returns for Bytes columns', () => {
    const key = caseKey();
    const context = personContext();
    const stored = new Uint8Array(encryptString('Ali Raza', key, context));
    expect(decryptString(stored, key, context)).toBe('Ali Raza');
  });

  it('fails on any flipped bit, in header, IV, ciphertext or tag', () => {
    const key = caseKey();
    const context = personContext();
    const envelope = encryptString('Ghulam Hussain', key, context);
    for (let index = 0; index < envelope.length; index++) {
      for (const bit of [0x01, 0x80]) {
        const tampered = Buffer.from(envelope);
        tampered[index] = (tampered[index] as number) ^ bit;
        expect(() => decryptString(tampered, [key, { ...key, version: key.version ^ bit }], context)).toThrow(
          DecryptionError,
        );
      }
    }
  });

  it('refuses a value moved to another row, column, table or organisation', () => {
    const key = caseKey();
    const context = personContext();
    const envelope = encryptString('Ali Raza', key, context);
    for (const elsewhere of [
      { ...context, rowId: randomUUID() },
      { ...context, column: 'guardian_name_enc' },
      { ...context, table: 'relatives' },
      { ...context, organizationId: randomUUID() },
      { ...context, organizationId: null },
    ]) {
      expect(decryptionFailure(() => decryptString(envelope, key, elsewhere)).reason).toBe(
        'authentication-failed',
      );
    }
  });

  it("answers a swap of two rows' ciphertexts with an error, never the other person's name", () => {
    const key = caseKey();
    const organizationId = randomUUID();
    const first = personContext({ organizationId });
    const second = personContext({ organizationId });
    const firstName = encryptString('Ali Raza', key, first);
    const secondName = encryptString('Zahid Baloch', key, second);
    expect(() => decryptString(secondName, key, first)).toThrow(DecryptionError);
    expect(() => decryptString(firstName, key, second)).toThrow(DecryptionError);
  });

  it('does not confuse parts that a naive join would run together', () => {
    const key = caseKey();
    const context = personContext({ table: 'a', column: 'b_c' });
    const envelope = encryptString('x', key, context);
    expect(() => decryptString(envelope, key, { ...context, table: 'a_b', column: 'c' })).toThrow(
      DecryptionError,
    );
  });

  it('names an unknown key version and fails on the wrong key under the right version', () => {
    const context = personContext();
    const envelope = encryptString('Ali Raza', caseKey(3), context);
    const unknown = decryptionFailure(() => decryptString(envelope, caseKey(2), context));
    expect(unknown.reason).toBe('unknown-key-version');
    expect(unknown.keyVersion).toBe(3);
    expect(decryptionFailure(() => decryptString(envelope, caseKey(3), context)).reason).toBe(
      'authentication-failed',
    );
  });

  it('decrypts old versions and encrypts with the current during rotation', () => {
    const context = personContext();
    const old = caseKey(1);
    const current = caseKey(2);
    const keys = [old, current];
    const before = encryptString('Ali Raza', old, context);
    const after = reencryptField(before, keys, current, context);
    expect(readEnvelopeHeader(after).keyVersion).toBe(2);
    expect(decryptString(after, current, context)).toBe('Ali Raza');
    expect(decryptString(before, keys, context)).toBe('Ali Raza');
    expect(decryptString(after, (version) => (version === 2 ? current.key : undefined), context)).toBe(
      'Ali Raza',
    );
    expect(reencryptField(after, keys, current, context).equals(after)).toBe(true);
    expect(() => reencryptField(before, current, current, context)).toThrow(DecryptionError);
  });

  it('rejects other formats and short values as such', () => {
    const key = caseKey();
    const context = personContext();
    const envelope = encryptString('Ali', key, context);
    expect(
      decryptionFailure(() => decryptField(Buffer.from([0x09, ...envelope.subarray(1)]), key, context))
        .reason,
    ).toBe('unsupported-format');
    expect(
      decryptionFailure(() => decryptField(Buffer.from([0x03, ...envelope.subarray(1)]), key, context))
        .reason,
    ).toBe('unsupported-format');
    expect(decryptionFailure(() => decryptField(envelope.subarray(0, 20), key, context)).reason).toBe(
      'malformed',
    );
    expect(decryptionFailure(() => decryptField(Buffer.alloc(3), key, context)).reason).toBe('malformed');
  });

  it('keeps plaintext out of error messages', () => {
    const key = caseKey();
    const context = personContext();
    const failure = decryptionFailure(() =>
      decryptString(encryptString('Ali Raza', key, context), key, personContext()),
    );
    expect(failure.message).toBe(
      'Cannot decrypt: the encrypted value does not authenticate: wrong key, wrong place, or it was altered',
    );
    const notJson = encryptString('Ali Raza lives in Lyari', key, context);
    expect(() => decryptJson(notJson, key, context)).toThrow(/^The decrypted value is not JSON$/);
  });

  it('refuses incomplete contexts and invalid keys before encrypting', () => {
    const key = caseKey();
    expect(() => encryptString('x', key, personContext({ rowId: '' }))).toThrow(/rowId/);
    expect(() => encryptString('x', { ...key, version: 0 }, personContext())).toThrow(RangeError);
    expect(() => encryptJson(undefined, key, personContext())).toThrow(TypeError);
    expect(() =>
      encryptField(Buffer.from('x'), key, {
        ...personContext(),
        organizationId: undefined as unknown as string,
      }),
    ).toThrow(/organizationId/);
  });
});
