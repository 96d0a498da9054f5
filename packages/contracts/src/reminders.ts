import { z } from 'zod';

/** Offsets the account page offers, in minutes before a hearing: 7 days, 3 days, 1 day, 2 hours. */
export const REMINDER_OFFSET_CHOICES = [10080, 4320, 1440, 120] as const;
export const DEFAULT_REMINDER_OFFSETS = [10080, 1440] as const;
export const MIN_REMINDER_OFFSET_MINUTES = 30;
/** Thirty days: the worker looks no further ahead than this. */
export const MAX_REMINDER_OFFSET_MINUTES = 30 * 24 * 60;
export const MAX_REMINDER_OFFSETS = 6;

export const ReminderOffsetsSchema = z
  .array(
    z
      .number({ error: 'Choose how long before a hearing' })
      .int('Choose a whole number of minutes')
      .min(MIN_REMINDER_OFFSET_MINUTES, `A reminder comes at least ${MIN_REMINDER_OFFSET_MINUTES} minutes before the hearing`)
      .max(MAX_REMINDER_OFFSET_MINUTES, 'A reminder comes at most 30 days before the hearing'),
    { error: 'Choose when reminders come' },
  )
  .max(MAX_REMINDER_OFFSETS, `Choose at most ${MAX_REMINDER_OFFSETS} reminders`)
  .refine((offsets) => new Set(offsets).size === offsets.length, 'Choose each reminder time once');

export const ReminderSettingsSchema = z.object({
  /** Minutes before each hearing; empty: no reminders. */
  offsetsMinutes: z.array(z.number().int()),
  /** Needed for reminders about cases where the user is a family member. */
  familyOptIn: z.boolean(),
  version: z.number().int(),
});
export type ReminderSettings = z.infer<typeof ReminderSettingsSchema>;

export const UpdateReminderSettingsRequestSchema = z.strictObject({
  offsetsMinutes: ReminderOffsetsSchema,
  familyOptIn: z.boolean({ error: 'Say whether you want reminders as a family member' }),
  version: z.number({ error: 'Reload the page and try again' }).int().positive(),
});
export type UpdateReminderSettingsRequest = z.infer<typeof UpdateReminderSettingsRequestSchema>;
