import { z } from 'zod';
import { EmailSchema } from './fields';
import { GrantLevelSchema } from './enums';

export const CreateGrantRequestSchema = z.strictObject({
  email: EmailSchema,
  level: GrantLevelSchema,
  expiresAt: z.iso
    .datetime({ offset: true, error: 'Enter a date and time' })
    .refine((value) => new Date(value).getTime() > Date.now(), 'The expiry must be in the future')
    .nullable()
    .optional(),
});
export type CreateGrantRequest = z.infer<typeof CreateGrantRequestSchema>;

export const GrantResponseSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userName: z.string(),
  level: GrantLevelSchema,
  kind: z.enum(['GRANT', 'BREAK_GLASS']),
  expiresAt: z.iso.datetime().nullable(),
  grantedById: z.uuid(),
  createdAt: z.iso.datetime(),
});
export type GrantResponse = z.infer<typeof GrantResponseSchema>;

export const GrantListResponseSchema = z.object({ items: z.array(GrantResponseSchema) });
export type GrantListResponse = z.infer<typeof GrantListResponseSchema>;

export const BreakGlassRequestSchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(10, 'Say in a sentence why you need this case now')
    .max(500, 'Use at most 500 characters'),
});
export type BreakGlassRequest = z.infer<typeof BreakGlassRequestSchema>;

export const NotificationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['GRANT_ADDED', 'BREAK_GLASS_OPENED']),
  caseId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;
export const NotificationListResponseSchema = z.object({ items: z.array(NotificationSchema) });
export type NotificationListResponse = z.infer<typeof NotificationListResponseSchema>;
