import { encodeParts } from './encoding';

/**
 * The place a value lives. It is bound into the GCM associated data, so a ciphertext copied into
 * another organisation, table, column or row fails to decrypt instead of showing another person's
 * data. `organizationId: null` is for installation-wide rows (user accounts).
 */
export interface FieldContext {
  readonly organizationId: string | null;
  readonly table: string;
  readonly column: string;
  readonly rowId: string;
}

/** Domains keep one kind of ciphertext from being accepted as another. */
export type AadDomain = 'field' | 'stream';

/** Canonical associated data for a value at `context`: length-prefixed parts, never a join. */
export function fieldAad(context: FieldContext, domain: AadDomain = 'field'): Buffer {
  const { organizationId, table, column, rowId } = context;
  for (const [name, value] of [
    ['table', table],
    ['column', column],
    ['rowId', rowId],
  ] as const) {
    requireText(name, value);
  }
  if (organizationId !== null) requireText('organizationId', organizationId);
  return encodeParts([
    `lapata/${domain}/v1`,
    organizationId === null ? 'installation' : 'organisation',
    organizationId ?? '',
    table,
    column,
    rowId,
  ]);
}

function requireText(name: string, value: unknown): void {
  // An empty or missing part usually means an unset variable: refuse rather than bind to "".
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`FieldContext.${name} must be a non-empty string`);
  }
}
