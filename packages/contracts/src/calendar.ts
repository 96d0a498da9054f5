import { z } from 'zod';

/** Whether the user has a live calendar feed; the link itself is shown once, when it is made. */
export const CalendarFeedStatusSchema = z.object({
  active: z.boolean(),
  createdAt: z.iso.datetime().nullable(),
});
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatusSchema>;

/** A new feed: the only time the secret link is shown. Any older link stopped working. */
export const CalendarFeedCreatedSchema = z.object({
  url: z.url(),
  createdAt: z.iso.datetime(),
});
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreatedSchema>;

/** How far back the feed reaches; it lists every upcoming hearing. */
export const CALENDAR_FEED_PAST_DAYS = 90;
