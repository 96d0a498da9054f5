import { z } from 'zod';
import { HearingOutcomeSchema, ProceedingTypeSchema } from './enums';
import { optionalRecordText } from './fields';
import { VersionSchema } from './organizations';

/**
 * Hearing times are entered as the court's wall-clock time (`2026-12-01T09:30`) in the forum's
 * time zone and stored as an instant (UTC) plus that zone. The conversion uses the runtime's own
 * time-zone database (Intl), never a fixed offset.
 */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function zoneParts(instant: number, timeZone: string): number[] {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  const [year, month, day, hour, minute, second] = zoneParts(instant, timeZone) as [number, number, number, number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time `YYYY-MM-DDTHH:mm` in `timeZone` means. */
export function zonedTimeToUtc(local: string, timeZone: string): Date {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) throw new RangeError('Not a local date and time');
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset around daylight-saving changes.
  let instant = wall - zoneOffset(wall, timeZone);
  instant = wall - zoneOffset(instant, timeZone);
  return new Date(instant);
}

/** The wall-clock time `YYYY-MM-DDTHH:mm` of `instant` in `timeZone`. */
export function utcToZonedTime(instant: Date | string, timeZone: string): string {
  const [year, month, day, hour, minute] = zoneParts(new Date(instant).getTime(), timeZone);
  const pad = (value: number | undefined, width = 2) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
}

export const LocalDateTimeSchema = z
  .string()
  .trim()
  .regex(LOCAL_DATE_TIME, 'Enter the date and time as YYYY-MM-DDTHH:mm')
  .refine((value) => {
    const match = LOCAL_DATE_TIME.exec(value);
    if (!match) return true;
    const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute));
    return year >= 1900 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60;
  }, 'This date or time does not exist');

const hearingFields = {
  /** Wall-clock time at the forum, in the forum's time zone. */
  localDateTime: LocalDateTimeSchema,
  courtRoom: optionalRecordText(100),
  bench: optionalRecordText(200),
  judge: optionalRecordText(200),
  purpose: optionalRecordText(2000),
};

export const CreateHearingRequestSchema = z.strictObject(hearingFields);
export type CreateHearingRequest = z.infer<typeof CreateHearingRequestSchema>;

export const UpdateHearingRequestSchema = z.strictObject({ ...hearingFields, version: VersionSchema });
export type UpdateHearingRequest = z.infer<typeof UpdateHearingRequestSchema>;

export const RecordHearingOutcomeRequestSchema = z.strictObject({
  outcome: HearingOutcomeSchema,
  orderSummary: optionalRecordText(4000),
  /** The next date the bench fixed, if any: a new hearing is created with it. */
  nextLocalDateTime: LocalDateTimeSchema.nullable().default(null),
  nextPurpose: optionalRecordText(2000),
  version: VersionSchema,
});
export type RecordHearingOutcomeRequest = z.infer<typeof RecordHearingOutcomeRequestSchema>;

export const HearingWarningSchema = z.object({
  code: z.literal('COUNSEL_OVERLAP'),
  /** Only when the actor may see the other hearing's case. */
  hearingId: z.uuid().optional(),
  caseReference: z.string().optional(),
});
export type HearingWarning = z.infer<typeof HearingWarningSchema>;

export const HearingSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  proceedingId: z.uuid(),
  /** The instant, UTC. */
  scheduledAt: z.iso.datetime(),
  timeZone: z.string(),
  /** The same instant as the forum's wall clock. */
  localDateTime: z.string(),
  courtRoom: z.string().nullable(),
  bench: z.string().nullable(),
  judge: z.string().nullable(),
  purpose: z.string().nullable(),
  outcome: HearingOutcomeSchema.nullable(),
  outcomeRecordedAt: z.iso.datetime().nullable(),
  orderSummary: z.string().nullable(),
  previousHearingId: z.uuid().nullable(),
  nextHearingId: z.uuid().nullable(),
  version: z.number().int(),
});
export type Hearing = z.infer<typeof HearingSchema>;

export const HearingWriteResponseSchema = z.object({ hearing: HearingSchema, warnings: z.array(HearingWarningSchema) });
export type HearingWriteResponse = z.infer<typeof HearingWriteResponseSchema>;

export const HearingOutcomeResponseSchema = z.object({
  hearing: HearingSchema,
  nextHearing: HearingSchema.nullable(),
  warnings: z.array(HearingWarningSchema),
});
export type HearingOutcomeResponse = z.infer<typeof HearingOutcomeResponseSchema>;

export const HearingListResponseSchema = z.object({ items: z.array(HearingSchema) });
export type HearingListResponse = z.infer<typeof HearingListResponseSchema>;

/** A hearing in the user's calendar: no encrypted field, so listing it reads no personal data. */
export const CalendarHearingSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  proceedingId: z.uuid(),
  proceedingType: ProceedingTypeSchema,
  forumName: z.string(),
  scheduledAt: z.iso.datetime(),
  timeZone: z.string(),
  localDateTime: z.string(),
  outcome: HearingOutcomeSchema.nullable(),
});
export type CalendarHearing = z.infer<typeof CalendarHearingSchema>;

export const CalendarQuerySchema = z
  .strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((query) => Date.parse(query.to) > Date.parse(query.from), { path: ['to'], message: 'The end is before the start' })
  .refine((query) => Date.parse(query.to) - Date.parse(query.from) <= 100 * 86_400_000, {
    path: ['to'],
    message: 'Ask for at most 100 days at a time',
  });
export type CalendarQuery = z.infer<typeof CalendarQuerySchema>;

export const CalendarResponseSchema = z.object({ items: z.array(CalendarHearingSchema) });
export type CalendarResponse = z.infer<typeof CalendarResponseSchema>;

export const StaleProceedingSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  type: ProceedingTypeSchema,
  forumName: z.string(),
  status: z.string(),
});
export type StaleProceeding = z.infer<typeof StaleProceedingSchema>;

export const NeedsAttentionResponseSchema = z.object({
  /** Hearings in the next 14 days, soonest first. */
  upcoming: z.array(CalendarHearingSchema),
  /** Past hearings whose outcome nobody recorded, oldest first. */
  outcomeMissing: z.array(CalendarHearingSchema),
  /** Proceedings still running with no future hearing. */
  withoutNextDate: z.array(StaleProceedingSchema),
});
export type NeedsAttentionResponse = z.infer<typeof NeedsAttentionResponseSchema>;
