/**
 * Lapata's people work in Pakistan: times are shown, and expiry days are read, in Pakistan time
 * (no daylight saving), the same on the server and in the browser.
 */
export const caseTimeZone = 'Asia/Karachi';
const pakistanOffset = '+05:00';

export const dateTimeFormat = { dateStyle: 'medium', timeStyle: 'short', timeZone: caseTimeZone } as const;
export const dateFormat = { dateStyle: 'medium', timeZone: caseTimeZone } as const;

/** The last second of a `YYYY-MM-DD` day in Pakistan time, as the API's ISO date-time; null if not a day. */
export function endOfDay(day: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const value = `${day}T23:59:59${pakistanOffset}`;
  const parsed = new Date(value);
  // Rejects days that do not exist (2025-02-30), which Date would roll over into March.
  if (Number.isNaN(parsed.getTime()) || new Date(parsed.getTime() + 5 * 3_600_000).toISOString().slice(0, 10) !== day) {
    return null;
  }
  return value;
}
