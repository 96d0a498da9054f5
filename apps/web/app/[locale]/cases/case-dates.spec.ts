import { describe, expect, it } from 'vitest';
import { endOfDay } from './case-dates';

describe('endOfDay', () => {
  it('is the last second of the day in Pakistan time', () => {
    expect(endOfDay('2026-03-31')).toBe('2026-03-31T23:59:59+05:00');
    expect(new Date(endOfDay('2026-03-31')!).toISOString()).toBe('2026-03-31T18:59:59.000Z');
  });

  it('refuses days that do not exist instead of rolling them over', () => {
    expect(endOfDay('2026-02-29')).toBeNull();
    expect(endOfDay('2026-13-01')).toBeNull();
    expect(endOfDay('2028-02-29')).toBe('2028-02-29T23:59:59+05:00');
  });

  it('refuses anything that is not YYYY-MM-DD', () => {
    expect(endOfDay('')).toBeNull();
    expect(endOfDay('31/03/2026')).toBeNull();
    expect(endOfDay('2026-03-31T10:00')).toBeNull();
  });
});
