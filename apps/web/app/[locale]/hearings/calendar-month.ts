/** A month of the hearing calendar: which days it has, where its grid starts, what to ask the API for. */
export interface CalendarMonth {
  /** `YYYY-MM` */
  key: string;
  previous: string;
  next: string;
  /** Every day `YYYY-MM-DD` of the month. */
  days: string[];
  /** Blank cells before the 1st in a week that starts on Monday. */
  lead: number;
  /** The instants to ask for, a day wider on each side: hearings are placed by their day at the forum. */
  from: string;
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const pad = (value: number) => String(value).padStart(2, '0');

/** The month asked for (`?month=2026-11`), or the month `now` falls in, in Pakistan time (UTC+05:00). */
export function calendarMonth(value: string | string[] | undefined, now: Date): CalendarMonth {
  const match = typeof value === 'string' ? MONTH.exec(value) : null;
  const pakistan = new Date(now.getTime() + 5 * 3_600_000);
  const year = match ? Number(match[1]) : pakistan.getUTCFullYear();
  const month = match ? Number(match[2]) : pakistan.getUTCMonth() + 1;
  const first = Date.UTC(year, month - 1, 1);
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const key = `${year}-${pad(month)}`;
  return {
    key,
    previous: month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`,
    next: month === 12 ? `${year + 1}-01` : `${year}-${pad(month + 1)}`,
    days: Array.from({ length }, (_, index) => `${key}-${pad(index + 1)}`),
    lead: (new Date(first).getUTCDay() + 6) % 7,
    from: new Date(first - 86_400_000).toISOString(),
    to: new Date(Date.UTC(year, month, 1) + 86_400_000).toISOString(),
  };
}

/** Hearings grouped by their day at the forum (`localDateTime`), only those inside the month. */
export function byForumDay<T extends { localDateTime: string }>(month: CalendarMonth, hearings: T[]): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const hearing of hearings) {
    const day = hearing.localDateTime.slice(0, 10);
    if (!day.startsWith(`${month.key}-`)) continue;
    days.set(day, [...(days.get(day) ?? []), hearing]);
  }
  return new Map([...days.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
