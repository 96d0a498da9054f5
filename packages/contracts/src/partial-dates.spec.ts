import { describe, expect, it } from 'vitest';
import {
  HistoricDateSchema,
  PastHistoricDateSchema,
  historicDateBounds,
  historicDateFromBounds,
  type HistoricDate,
} from './partial-dates';

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('historic dates', () => {
  it.each<[HistoricDate, { from: string; to: string; precision: string }]>([
    [{ from: '1994', to: null }, { from: '1994-01-01', to: '1994-12-31', precision: 'YEAR' }],
    [{ from: '1996-02', to: null }, { from: '1996-02-01', to: '1996-02-29', precision: 'MONTH' }],
    [{ from: '1995-06-12', to: null }, { from: '1995-06-12', to: '1995-06-12', precision: 'DAY' }],
    [{ from: '1994-06', to: '1994-08' }, { from: '1994-06-01', to: '1994-08-31', precision: 'RANGE' }],
    [{ from: '1994', to: '1996' }, { from: '1994-01-01', to: '1996-12-31', precision: 'RANGE' }],
    [{ from: '1994-01-01', to: '1994-03-15' }, { from: '1994-01-01', to: '1994-03-15', precision: 'RANGE' }],
  ])('stores %j as its first and last day and reads it back', (date, bounds) => {
    expect(historicDateBounds(date)).toEqual(bounds);
    expect(historicDateFromBounds(historicDateBounds(date))).toEqual(date);
  });

  it('treats a range whose ends are the same date as that date', () => {
    expect(historicDateBounds({ from: '1994-06', to: '1994-06' })).toEqual({ from: '1994-06-01', to: '1994-06-30', precision: 'MONTH' });
  });

  it('refuses dates that do not exist', () => {
    expect(messages(HistoricDateSchema.safeParse({ from: '1995-02-31' }))).toEqual(['from: This date does not exist']);
    expect(messages(HistoricDateSchema.safeParse({ from: '1995-13' }))).toEqual(['from: This date does not exist']);
    expect(messages(HistoricDateSchema.safeParse({ from: '12/06/1995' }))).toEqual([
      'from: Enter a year (1994), a month (1994-06) or a full date (1994-06-12)',
    ]);
  });

  it('refuses a range that ends before it starts, and unknown fields', () => {
    expect(messages(HistoricDateSchema.safeParse({ from: '1994-08', to: '1994-06' }))).toEqual(['to: The end of the range is before its start']);
    expect(HistoricDateSchema.safeParse({ from: '1994', precision: 'YEAR' }).success).toBe(false);
  });

  it('refuses a date in the future where the past is required, but not the current year', () => {
    const nextYear = String(new Date().getUTCFullYear() + 1);
    const thisYear = String(new Date().getUTCFullYear());
    expect(messages(PastHistoricDateSchema.safeParse({ from: nextYear }))).toEqual(['from: This date is in the future']);
    expect(messages(PastHistoricDateSchema.safeParse({ from: '1994', to: nextYear }))).toEqual(['to: This date is in the future']);
    expect(PastHistoricDateSchema.safeParse({ from: thisYear }).success).toBe(true);
    expect(HistoricDateSchema.safeParse({ from: nextYear }).success).toBe(true);
  });
});
