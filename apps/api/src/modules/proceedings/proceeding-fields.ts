import type { FieldContext } from '@lapata/crypto';
import { toAsciiDigits } from '@lapata/crypto';

/** Encrypted columns (SQL names: part of every value's associated data). */
export type ProceedingColumn = 'case_number_enc' | 'respondents_enc' | 'relief_sought_enc';

export const proceedingFieldContext = (organizationId: string, proceedingId: string, column: ProceedingColumn): FieldContext => ({
  organizationId,
  table: 'proceedings',
  column,
  rowId: proceedingId,
});

export const statusNoteContext = (organizationId: string, statusChangeId: string): FieldContext => ({
  organizationId,
  table: 'proceeding_status_changes',
  column: 'note_enc',
  rowId: statusChangeId,
});

/**
 * The form of a case number its blind index is taken of: courts and clerks write the same number
 * as `C.P. No. D-1234 of 2019`, `C.P No.D-1234 of 2019` or with Urdu digits; upper case, ASCII
 * digits and no spaces or dots make those one value.
 */
export function normaliseCaseNumber(value: string): string | null {
  const normalised = toAsciiDigits(value.normalize('NFKC')).toUpperCase().replace(/[\s.]+/g, '');
  return normalised === '' ? null : normalised;
}
