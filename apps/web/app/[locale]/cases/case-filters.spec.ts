import { describe, expect, it } from 'vitest';
import { filtersQuery, readCaseFilters } from './case-filters';

describe('the case list filters', () => {
  it('keeps valid filters and turns them into the API query', () => {
    const { filters, invalid } = readCaseFilters({ status: 'RELEASED', tag: ' Karachi ', disappearedFrom: '1994-06', updatedTo: '2025-01-31', page: 'x' });
    expect(invalid).toEqual([]);
    expect(filters).toEqual({ status: 'RELEASED', tag: 'Karachi', disappearedFrom: '1994-06', updatedTo: '2025-01-31' });
    expect(filtersQuery(filters)).toBe('status=RELEASED&tag=Karachi&disappearedFrom=1994-06&updatedTo=2025-01-31');
  });

  it('drops invalid filters, empty ones and the end of a reversed range, and names them', () => {
    const { filters, invalid } = readCaseFilters({
      status: 'LOST',
      tag: '',
      assignedCaseworkerId: 'not-an-id',
      disappearedFrom: '1995',
      disappearedTo: '1994',
      updatedFrom: '2025-02-30',
    });
    expect(filters).toEqual({ disappearedFrom: '1995' });
    expect(invalid.sort()).toEqual(['assignedCaseworkerId', 'disappearedTo', 'status', 'updatedFrom']);
    expect(filtersQuery(filters)).toBe('disappearedFrom=1995');
  });
});
