import { decryptJson, decryptString, encryptJson, encryptString, type FieldContext, type KeySource, type VersionedKey } from '@lapata/crypto';
import { z } from 'zod';

/** The missing person's encrypted columns (SQL names: they are part of every value's associated data). */
export type PersonColumn =
  | 'full_name_native_enc'
  | 'full_name_latin_enc'
  | 'aliases_enc'
  | 'guardian_name_enc'
  | 'national_id_enc'
  | 'phones_enc'
  | 'date_of_birth_enc'
  | 'addresses_enc'
  | 'occupation_enc'
  | 'physical_description_enc';

export const personFieldContext = (organizationId: string, personId: string, column: PersonColumn): FieldContext => ({
  organizationId,
  table: 'missing_persons',
  column,
  rowId: personId,
});

/** The same binding for any other tenant table's encrypted column (e.g. a status change's note). */
export const recordFieldContext = (organizationId: string, table: string, column: string, rowId: string): FieldContext => ({
  organizationId,
  table,
  column,
  rowId,
});

type Encrypted = Uint8Array<ArrayBuffer> | null;

/** Encrypts one column of a person with the case key; nothing stored for an empty value. */
export function encryptPersonText(key: VersionedKey, context: FieldContext, value: string | null): Encrypted {
  return value === null ? null : new Uint8Array(encryptString(value, key, context));
}

export function encryptPersonList(key: VersionedKey, context: FieldContext, values: string[]): Encrypted {
  return values.length === 0 ? null : new Uint8Array(encryptJson(values, key, context));
}

export function decryptPersonText(keys: KeySource, context: FieldContext, value: Uint8Array | null): string | null {
  return value === null ? null : decryptString(value, keys, context);
}

const StringListSchema = z.array(z.string());

export function decryptPersonList(keys: KeySource, context: FieldContext, value: Uint8Array | null): string[] {
  return value === null ? [] : StringListSchema.parse(decryptJson(value, keys, context));
}

/** A structured value (a date, a list of addresses) as JSON; nothing stored for null. */
export function encryptPersonJson(key: VersionedKey, context: FieldContext, value: unknown): Encrypted {
  return value === null ? null : new Uint8Array(encryptJson(value, key, context));
}

export function decryptPersonJson<T>(keys: KeySource, context: FieldContext, value: Uint8Array | null, schema: z.ZodType<T>): T | null {
  return value === null ? null : schema.parse(decryptJson(value, keys, context));
}
