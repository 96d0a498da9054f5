import { MAX_REMINDER_OFFSET_MINUTES } from '@lapata/contracts';

const MINUTE = 60_000;

/** The worker plans reminders for hearings up to this far ahead (the longest offset, and a margin). */
export const PLANNING_HORIZON_MS = MAX_REMINDER_OFFSET_MINUTES * MINUTE + 60 * MINUTE;

/**
 * A reminder whose moment passed longer ago than this is not sent: the hearing was added or moved
 * late (a "7 days before" reminder for a hearing added 2 days ahead), or the worker was down. The
 * shorter offsets still come.
 */
export const LATE_REMINDER_GRACE_MS = 6 * 60 * MINUTE;

export interface PlannedReminder {
  userId: string;
  offsetMinutes: number;
  scheduledFor: Date;
}

/** The reminders one person should get for one hearing, at their chosen offsets. */
export function plannedReminders(input: {
  userId: string;
  hearingAt: Date;
  offsetsMinutes: readonly number[];
  now: Date;
  /** Keep reminders whose moment passed long ago (to recognise rows already queued, e.g. being retried). */
  includeLate?: boolean;
}): PlannedReminder[] {
  if (input.hearingAt.getTime() <= input.now.getTime()) return [];
  return [...new Set(input.offsetsMinutes)]
    .map((offsetMinutes) => ({
      userId: input.userId,
      offsetMinutes,
      scheduledFor: new Date(input.hearingAt.getTime() - offsetMinutes * MINUTE),
    }))
    .filter((planned) => input.includeLate || planned.scheduledFor.getTime() > input.now.getTime() - LATE_REMINDER_GRACE_MS);
}

/** The key of reminder_deliveries' unique index: one reminder per hearing, person, offset and moment. */
export const reminderKey = (hearingId: string, r: { userId: string; offsetMinutes: number; scheduledFor: Date }) =>
  `${hearingId}/${r.userId}/${r.offsetMinutes}/${r.scheduledFor.toISOString()}`;

/** Exponential backoff after the n-th failed attempt (1-based): 1, 2, 4, 8 … minutes, at most 2 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1) * MINUTE, 120 * MINUTE);
}
