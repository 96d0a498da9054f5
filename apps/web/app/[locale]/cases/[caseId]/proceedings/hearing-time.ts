/**
 * How a hearing's time is shown: in the forum's own zone (where the family and counsel must be),
 * formatted for the page's language by next-intl's formatter.
 */
export const hearingTimeFormat = (timeZone: string) => ({ dateStyle: 'medium', timeStyle: 'short', timeZone }) as const;
export const hearingDayFormat = (timeZone: string) => ({ dateStyle: 'full', timeZone }) as const;
/** A calendar day `YYYY-MM-DD` shown as a date (noon UTC, so no zone moves it to another day). */
export const dayAsDate = (day: string) => new Date(`${day}T12:00:00Z`);

/** Today in Pakistan (UTC+05:00, no daylight saving) as `YYYY-MM-DD`: the latest day a change can take effect. */
export const pakistanToday = () => new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);

/** True once the hearing's time has come (its outcome can then be recorded). */
export const hasTakenPlace = (scheduledAt: string) => new Date(scheduledAt).getTime() <= Date.now();
