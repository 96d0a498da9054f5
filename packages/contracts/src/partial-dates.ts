import { z } from 'zod';

/**
 * Historic dates in advocacy records are often uncertain: "1994", "June 1994", "12 June 1994", or
 * "between June 1994 and August 1994". A historic date is sent and answered as `{ from, to }`,
 * each end written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `to` is null for a single (partial) date.
 *
 * It is stored as the first and last calendar day it covers plus a precision, so that lists can
 * sort and filter on plain `date` columns, and read back into the same words.
 */
export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY' | 'RANGE';

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export interface DateBounds {
  /** First day covered, `YYYY-MM-DD`. */
  from: string;
  /** Last day covered, `YYYY-MM-DD`. */
  to: string;
  precision: DatePrecision;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The parts of a partial date, or null when it is not a real date (31 February, month 13). */
export function parsePartialDate(text: string): { year: number; month?: number; day?: number } | null {
  const match = PARTIAL_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1900) return null;
  if (match[2] === undefined) return { year };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  if (match[3] === undefined) return { year, month };
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** The first and last day a partial date covers. */
export function partialDateBounds(text: string): { from: string; to: string; precision: Exclude<DatePrecision, 'RANGE'> } {
  const parts = parsePartialDate(text);
  if (!parts) throw new RangeError('Not a partial date');
  const { year, month, day } = parts;
  if (month === undefined) return { from: `${year}-01-01`, to: `${year}-12-31`, precision: 'YEAR' };
  if (day === undefined) {
    return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`, precision: 'MONTH' };
  }
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return { from: date, to: date, precision: 'DAY' };
}

export const PartialDateTextSchema = z
  .string()
  .trim()
  .regex(PARTIAL_DATE, 'Enter a year (1994), a month (1994-06) or a full date (1994-06-12)')
  // Only real dates once the shape is right (the regex reports a wrong shape).
  .refine((text) => !PARTIAL_DATE.test(text) || parsePartialDate(text) !== null, 'This date does not exist');

export interface HistoricDate {
  from: string;
  to: string | null;
}

/** Today in UTC as `YYYY-MM-DD`; "the future" starts the day after, wherever the user is. */
function todayPlusOne(): string {
  const tomorrow = new Date(Date.now() + 86_400_000);
  return tomorrow.toISOString().slice(0, 10);
}

function historicDateSchema(options: { notInFuture: boolean }) {
  return z
    .strictObject({
      from: PartialDateTextSchema,
      to: PartialDateTextSchema.nullable().default(null),
    })
    .superRefine((value, context) => {
      if (parsePartialDate(value.from) === null || (value.to !== null && parsePartialDate(value.to) === null)) return;
      const start = partialDateBounds(value.from);
      const end = value.to === null ? start : partialDateBounds(value.to);
      if (value.to !== null && end.to < start.from) {
        context.addIssue({ code: 'custom', path: ['to'], message: 'The end of the range is before its start' });
      }
      // A partial date is in the future only when all of it is: "2026" is fine during 2026.
      if (options.notInFuture && start.from > todayPlusOne()) {
        context.addIssue({ code: 'custom', path: ['from'], message: 'This date is in the future' });
      }
      if (options.notInFuture && value.to !== null && end.from > todayPlusOne()) {
        context.addIssue({ code: 'custom', path: ['to'], message: 'This date is in the future' });
      }
    });
}

/** A historic date: a year, a month, a day, or a range between two of those. */
export const HistoricDateSchema = historicDateSchema({ notInFuture: false });
/** A historic date that cannot lie in the future (last seen, a diary entry, a filing date). */
export const PastHistoricDateSchema = historicDateSchema({ notInFuture: true });

/** The columns a historic date is stored in. */
export function historicDateBounds(date: HistoricDate): DateBounds {
  const start = partialDateBounds(date.from);
  if (date.to === null) return start;
  const end = partialDateBounds(date.to);
  if (start.from === end.from && start.to === end.to) return start;
  return { from: start.from, to: end.to, precision: 'RANGE' };
}

type Level = 'year' | 'month' | 'day';
const LEVELS: Level[] = ['year', 'month', 'day'];

function startLevel(day: string): Level {
  if (day.endsWith('-01-01')) return 'year';
  return day.endsWith('-01') ? 'month' : 'day';
}

function endLevel(day: string): Level {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (month === 12 && date === 31) return 'year';
  return date === daysInMonth(year, month) ? 'month' : 'day';
}

const cut = (day: string, level: Level) => (level === 'year' ? day.slice(0, 4) : level === 'month' ? day.slice(0, 7) : day);

/** Reads stored columns back into the words they were entered as. */
export function historicDateFromBounds(bounds: DateBounds): HistoricDate {
  if (bounds.precision === 'YEAR') return { from: bounds.from.slice(0, 4), to: null };
  if (bounds.precision === 'MONTH') return { from: bounds.from.slice(0, 7), to: null };
  if (bounds.precision === 'DAY') return { from: bounds.from, to: null };
  // Both ends at the finer of their two levels: "1994-06 to 1994-08", or "1994-01-01 to 1994-03-15".
  const level = LEVELS[Math.max(LEVELS.indexOf(startLevel(bounds.from)), LEVELS.indexOf(endLevel(bounds.to)))] as Level;
  return { from: cut(bounds.from, level), to: cut(bounds.to, level) };
}

export const HistoricDateFilterSchema = z.strictObject({
  from: PartialDateTextSchema.optional(),
  to: PartialDateTextSchema.optional(),
});
