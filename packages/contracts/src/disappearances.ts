import { z } from 'zod';
import { optionalRecordText, recordText } from './fields';
import { PastHistoricDateSchema } from './partial-dates';

export const RecordVersionSchema = z.number({ error: 'Send the version you last read' }).int().positive('Not a valid version');

/** Who took the person, as far as the family knows: any of the four may be unknown, not all. */
export const PerpetratorSchema = z
  .strictObject({
    agency: optionalRecordText(200),
    unit: optionalRecordText(200),
    vehicle: optionalRecordText(200),
    description: optionalRecordText(2000),
  })
  .refine((entry) => entry.agency || entry.unit || entry.vehicle || entry.description, {
    message: 'Describe who took them, or remove the entry',
    path: ['agency'],
  });
export type Perpetrator = z.infer<typeof PerpetratorSchema>;

export const WitnessSchema = z.strictObject({
  name: recordText(200, "Enter the witness's name"),
  contact: optionalRecordText(500),
  statement: optionalRecordText(10000),
});
export type Witness = z.infer<typeof WitnessSchema>;

/**
 * The case's disappearance, sent whole. `version` is the one last read; leave it out only when
 * nothing is recorded yet.
 */
export const DisappearanceRequestSchema = z.strictObject({
  /** When the person was last seen: a year, a month, a day or a range; never in the future. */
  lastSeen: PastHistoricDateSchema.nullable().default(null),
  lastSeenPlace: optionalRecordText(500),
  circumstances: optionalRecordText(20000),
  perpetrators: z.array(PerpetratorSchema).max(20, 'Use at most 20 entries').default([]),
  witnesses: z.array(WitnessSchema).max(50, 'Use at most 50 witnesses').default([]),
  version: RecordVersionSchema.optional(),
});
export type DisappearanceRequest = z.infer<typeof DisappearanceRequestSchema>;

const HistoricDateResponseSchema = z.object({ from: z.string(), to: z.string().nullable() });

export const DisappearanceResponseSchema = z.object({
  caseId: z.uuid(),
  lastSeen: HistoricDateResponseSchema.nullable(),
  lastSeenPlace: z.string().nullable(),
  circumstances: z.string().nullable(),
  perpetrators: z.array(
    z.object({
      agency: z.string().nullable(),
      unit: z.string().nullable(),
      vehicle: z.string().nullable(),
      description: z.string().nullable(),
    }),
  ),
  witnesses: z.array(z.object({ name: z.string(), contact: z.string().nullable(), statement: z.string().nullable() })),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type DisappearanceResponse = z.infer<typeof DisappearanceResponseSchema>;
