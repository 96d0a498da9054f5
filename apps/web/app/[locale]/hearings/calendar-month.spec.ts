import { describe, expect, it } from 'vitest';
import { byForumDay, calendarMonth } from './calendar-month';

describe('the hearing calendar month', () => {
  it('lays out a month starting on Monday, with its neighbours and a day of slack', () => {
    const june = calendarMonth('2026-06', new Date('2026-01-01T00:00:00Z'));
    expect(june).toMatchObject({ key: '2026-06', previous: '2026-05', next: '2026-07', lead: 0 });
    expect(june.days).toHaveLength(30);
    expect(june.from).toBe('2026-05-31T00:00:00.000Z');
    expect(june.to).toBe('2026-07-02T00:00:00.000Z');
    expect(calendarMonth('2026-11', new Date()).lead).toBe(6);
    expect(calendarMonth('2024-02', new Date()).days.at(-1)).toBe('2024-02-29');
    expect(calendarMonth('2026-12', new Date())).toMatchObject({ next: '2027-01' });
    expect(calendarMonth('2026-01', new Date())).toMatchObject({ previous: '2025-12' });
  });

  it('falls back to this month in Pakistan for anything that is not a month', () => {
    // 20:00 UTC on 31 January is already 1 February in Karachi.
    const now = new Date('2026-01-31T20:00:00Z');
    for (const value of [undefined, '2026-13', 'x', ['2026-03']]) expect(calendarMonth(value, now).key).toBe('2026-02');
  });

  it("places hearings on their day at the forum, and drops the slack days' hearings", () => {
    const month = calendarMonth('2026-06', new Date());
    const grouped = byForumDay(month, [
      { id: 'b', localDateTime: '2026-06-02T09:00' },
      { id: 'a', localDateTime: '2026-06-01T00:30' },
      { id: 'c', localDateTime: '2026-05-31T23:00' },
      { id: 'd', localDateTime: '2026-06-02T11:00' },
    ]);
    expect([...grouped.keys()]).toEqual(['2026-06-01', '2026-06-02']);
    expect(grouped.get('2026-06-02')!.map((hearing) => hearing.id)).toEqual(['b', 'd']);
  });
});
