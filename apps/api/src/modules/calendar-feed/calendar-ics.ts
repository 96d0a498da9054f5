import { createEvents, type EventAttributes } from 'ics';

export interface CalendarEntry {
  hearingId: string;
  scheduledAt: Date;
  updatedAt: Date;
  /** The hearing's version: it grows whenever the hearing changes (moved included). */
  version: number;
  title: string;
}

/** Hearings have no end time; a calendar needs one. */
const HEARING_DURATION = { hours: 1 } as const;

/**
 * An RFC 5545 calendar (made by the `ics` package) of hearings. Times are UTC instants, which every
 * client shows in its own zone (Asia/Karachi for people in Pakistan); the UID is stable per
 * hearing and SEQUENCE/LAST-MODIFIED move with it, so a moved hearing updates in place.
 */
export function buildCalendar(entries: CalendarEntry[], calendarName: string): string {
  const events: EventAttributes[] = entries.map((entry) => ({
    uid: `hearing-${entry.hearingId}@lapata`,
    title: entry.title,
    start: entry.scheduledAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: HEARING_DURATION,
    sequence: entry.version,
    lastModified: entry.updatedAt.getTime(),
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
  }));
  const { error, value } = createEvents(events, { calName: calendarName, productId: '-//Lapata//Hearings//EN' });
  if (error || value === undefined || value === null) throw new Error('The calendar could not be built');
  return value;
}
