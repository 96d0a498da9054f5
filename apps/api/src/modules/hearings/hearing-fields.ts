import type { FieldContext } from '@lapata/crypto';

/** Encrypted columns of a hearing (SQL names: part of every value's associated data). */
export type HearingColumn = 'purpose_enc' | 'order_summary_enc';

export const hearingFieldContext = (organizationId: string, hearingId: string, column: HearingColumn): FieldContext => ({
  organizationId,
  table: 'hearings',
  column,
  rowId: hearingId,
});
