import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BLIND_INDEX_BYTES, BlindIndexer } from './blind-index';
import { generateDataKey } from './keys';

const hex = (values: (Buffer | null)[]): (string | null)[] =>
  values.map((value) => value?.toString('hex') ?? null);

describe('blind indexes', () => {
  const root = generateDataKey();
  const indexer = new BlindIndexer(root);
  const organizationId = randomUUID();
  const organisationKey = generateDataKey();
  const organisation = indexer.forOrganisation(organizationId, organisationKey);

  it('are deterministic 16-byte values, across instances of the same keys', () => {
    const first = organisation.nationalId('12345-1234567-1', 'PK');
    const again = new BlindIndexer(root)
      .forOrganisation(organizationId, organisationKey)
      .nationalId('1234512345671', 'PK');
    expect(first?.length).toBe(BLIND_INDEX_BYTES);
    expect(hex([first])).toEqual(hex([again]));
  });

  it('give the same CNIC different values in two organisations', () => {
    const other = indexer.forOrganisation(randomUUID(), generateDataKey());
    expect(hex([organisation.nationalId('12345-1234567-1', 'PK')])).not.toEqual(
      hex([other.nationalId('12345-1234567-1', 'PK')]),
    );
  });

  it('change when the organisation key is rotated away, or under another root key', () => {
    const value = hex([organisation.nationalId('12345-1234567-1', 'PK')]);
    const rotated = indexer.forOrganisation(organizationId, generateDataKey());
    expect(hex([rotated.nationalId('12345-1234567-1', 'PK')])).not.toEqual(value);
    const otherRoot = new BlindIndexer(generateDataKey()).forOrganisation(organizationId, organisationKey);
    expect(hex([otherRoot.nationalId('12345-1234567-1', 'PK')])).not.toEqual(value);
  });

  it('separate purposes and countries', () => {
    const token = organisation.value('name-token', 'ali');
    expect(token.equals(organisation.value('full-name', 'ali'))).toBe(false);
    expect(token.equals(organisation.value('name-token', 'ali'))).toBe(true);
    expect(hex([organisation.nationalId('1234512345671', 'PK')])).not.toEqual(
      hex([organisation.nationalId('1234512345671', 'AF')]),
    );
    expect(() => organisation.value('Name Token', 'ali')).toThrow(TypeError);
    expect(() => organisation.nationalId('1', 'PAK')).toThrow(TypeError);
  });

  it('index name tokens of both scripts through the normaliser', () => {
    expect(hex(organisation.nameTokens('محمد علي'))).toEqual(hex(organisation.nameTokens('محمد علی')));
    expect(hex(organisation.nameTokens('MUHAMMAD  ALI'))).toEqual(
      hex(organisation.nameTokens('Muhammad Ali')),
    );
    const [muhammad, ali] = organisation.nameTokens('Muhammad Ali');
    expect(hex(organisation.nameTokens('Ali'))).toEqual(hex([ali as Buffer]));
    expect(hex([muhammad as Buffer])).not.toEqual(hex([ali as Buffer]));
    expect(organisation.nameTokens('  ')).toEqual([]);
    expect(hex([organisation.fullName('Ghulam  HUSSAIN')])).toEqual(
      hex([organisation.fullName('ghulam hussain')]),
    );
    expect(hex([organisation.fullName('Hussain Ghulam')])).not.toEqual(
      hex([organisation.fullName('Ghulam Hussain')]),
    );
    expect(organisation.fullName('--')).toBeNull();
  });

  it('return null for values that do not normalise', () => {
    expect(organisation.nationalId('12345-123', 'PK')).toBeNull();
    expect(organisation.email('  ')).toBeNull();
  });

  it('keep user-account emails in their own installation-wide scope', () => {
    const accounts = indexer.forAccounts();
    expect(hex([accounts.email(' Amina@Example.org')])).toEqual(
      hex([new BlindIndexer(root).forAccounts().email('amina@example.org')]),
    );
    expect(hex([accounts.email('amina@example.org')])).not.toEqual(
      hex([organisation.email('amina@example.org')]),
    );
  });

  it('refuse an empty organisation id and keys that are not 32-byte secrets', () => {
    expect(() => indexer.forOrganisation('', organisationKey)).toThrow(TypeError);
    expect(() => indexer.forOrganisation(organizationId, createSecretKey(randomBytes(16)))).toThrow(
      TypeError,
    );
    expect(() => new BlindIndexer(createSecretKey(randomBytes(31)))).toThrow(TypeError);
  });
});
