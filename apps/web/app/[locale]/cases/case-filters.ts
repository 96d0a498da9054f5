import { CaseListQuerySchema, partialDateBounds, type CaseListQuery } from '@lapata/contracts';

/** The list's filters as they appear in the page's address (none of them is personal data). */
export const FILTER_NAMES = [
  'status',
  'tag',
  'assignedCaseworkerId',
  'disappearedFrom',
  'disappearedTo',
  'updatedFrom',
  'updatedTo',
] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type CaseFilters = Omit<CaseListQuery, 'cursor' | 'limit'>;

/**
 * Reads the filters from the page's search parameters with the API's own schema. A filter that is
 * not valid is dropped (and named in `invalid`) rather than failing the page; empty ones are unset.
 */
export function readCaseFilters(params: Record<string, string | string[] | undefined>): { filters: CaseFilters; invalid: FilterName[] } {
  const raw: Partial<Record<FilterName, string>> = {};
  for (const name of FILTER_NAMES) {
    const value = params[name];
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    if (text) raw[name] = text;
  }
  const invalid: FilterName[] = [];
  for (const name of FILTER_NAMES) {
    if (raw[name] === undefined) continue;
    if (!CaseListQuerySchema.safeParse({ [name]: raw[name] }).success) {
      invalid.push(name);
      delete raw[name];
    }
  }
  // A range whose end comes before its start is refused by the API: drop the end.
  if (raw.disappearedFrom && raw.disappearedTo && partialDateBounds(raw.disappearedTo).to < partialDateBounds(raw.disappearedFrom).from) {
    invalid.push('disappearedTo');
    delete raw.disappearedTo;
  }
  if (raw.updatedFrom && raw.updatedTo && raw.updatedTo < raw.updatedFrom) {
    invalid.push('updatedTo');
    delete raw.updatedTo;
  }
  return { filters: CaseListQuerySchema.parse(raw), invalid };
}

/** The filters as the API's query string (without the leading `?`). */
export function filtersQuery(filters: CaseFilters): string {
  const search = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value !== undefined) search.set(name, String(value));
  }
  return search.toString();
}
