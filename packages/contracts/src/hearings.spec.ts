import { describe, expect, it } from 'vitest';
import { CalendarQuerySchema, LocalDateTimeSchema, RecordHearingOutcomeRequestSchema, utcToZonedTime, zonedTimeToUtc } from './hearings';

describe('hearing times', () => {
  it('reads a Karachi wall clock as UTC+05:00 and back', () => {
    expect(zonedTimeToUtc('2026-12-01T09:30', 'Asia/Karachi').toISOString()).toBe('2026-12-01T04:30:00.000Z');
    expect(utcToZonedTime('2026-12-01T04:30:00.000Z', 'Asia/Karachi')).toBe('2026-12-01T09:30');
    // Past midnight UTC is still the evening before in New York, the next morning in Karachi.
    expect(utcToZonedTime(new Date('2026-12-01T21:15:00Z'), 'Asia/Karachi')).toBe('2026-12-02T02:15');
  });

  it('follows daylight saving in zones that have it', () => {
    expect(zonedTimeToUtc('2031-07-01T10:00', 'Europe/Zurich').toISOString()).toBe('2031-07-01T08:00:00.000Z');
    expect(zonedTimeToUtc('2031-12-01T10:00', 'Europe/Zurich').toISOString()).toBe('2031-12-01T09:00:00.000Z');
    for (const local of ['2026-03-29T01:30', '2026-10-25T03:30', '2026-06-15T23:59']) {
      expect(utcToZonedTime(zonedTimeToUtc(local, 'Europe/Zurich'), 'Europe/Zurich')).toBe(local);
    }
  });

  it('refuses times that are not written right or do not exist', () => {
    const message = (value: string) => LocalDateTimeSchema.safeParse(value).error?.issues[0]?.message;
    expect(message('2026-12-01 09:30')).toBe('Enter the date and time as YYYY-MM-DDTHH:mm');
    expect(message('2026-02-30T10:00')).toBe('This date or time does not exist');
    expect(message('2026-02-10T24:00')).toBe('This date or time does not exist');
    expect(LocalDateTimeSchema.parse('2026-02-10T23:59')).toBe('2026-02-10T23:59');
  });

  it('takes an outcome with or without a next date, and a calendar range of at most 100 days', () => {
    expect(RecordHearingOutcomeRequestSchema.parse({ outcome: 'ADJOURNED', version: 1 })).toEqual({
      outcome: 'ADJOURNED',
      orderSummary: null,
      nextLocalDateTime: null,
      nextPurpose: null,
      version: 1,
    });
    expect(CalendarQuerySchema.safeParse({ from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' }).error?.issues[0]?.message).toBe(
      'Ask for at most 100 days at a time',
    );
  });
});
