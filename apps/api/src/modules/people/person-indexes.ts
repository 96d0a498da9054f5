import type { BlindIndex } from '@lapata/crypto';

/** Fields whose words are blind-indexed for exact name search and duplicate detection. */
export const NAME_FIELDS = ['fullNameNative', 'fullNameLatin', 'aliases', 'guardianName'] as const;
export type NameField = (typeof NAME_FIELDS)[number];

export interface NameToken {
  field: string;
  tokenBidx: Uint8Array<ArrayBuffer>;
}

/**
 * The name tokens stored for a missing person: each word of each name field, once per field.
 * The person service writes them; key rotation recomputes them under a new organisation key.
 */
export function personNameTokens(index: BlindIndex, names: Record<NameField, string | readonly string[] | null>): NameToken[] {
  const tokens = new Map<string, NameToken>();
  for (const field of NAME_FIELDS) {
    const value = names[field];
    const values = value === null ? [] : typeof value === 'string' ? [value] : value;
    for (const name of values) {
      for (const token of index.nameTokens(name)) {
        const tokenBidx = new Uint8Array(token);
        tokens.set(`${field}:${Buffer.from(tokenBidx).toString('hex')}`, { field, tokenBidx });
      }
    }
  }
  return [...tokens.values()];
}

/** The stored national-id index: null without a number or its country. */
export function personNationalIdIndex(index: BlindIndex, nationalId: string | null, country: string | null): Uint8Array<ArrayBuffer> | null {
  if (!nationalId || !country) return null;
  const value = index.nationalId(nationalId, country);
  return value === null ? null : new Uint8Array(value);
}
