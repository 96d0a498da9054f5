import { z } from 'zod';

/**
 * The one shape every API failure has. `fields` maps a dotted field path to its messages;
 * `currentVersion` comes with STALE_VERSION: the version the record is at now.
 */
export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
    currentVersion: z.number().int().optional(),
    /** With ILLEGAL_TRANSITION: the states the record may move to from where it is. */
    allowed: z.array(z.string()).optional(),
    /** With a refused PFIF import: each failing record's field messages (see pfif.ts). */
    records: z
      .array(z.object({ index: z.number().int(), personRecordId: z.string().nullable(), errors: z.record(z.string(), z.array(z.string())) }))
      .optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
