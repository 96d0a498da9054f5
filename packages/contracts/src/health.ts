import { z } from 'zod';

export const HealthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/** Readiness reveals only whether the service can serve, never versions, hosts or counts. */
export const ReadyResponseSchema = z.object({ status: z.enum(['ready', 'not_ready']) });
export type ReadyResponse = z.infer<typeof ReadyResponseSchema>;
