import { z } from 'zod';
import { SexSchema } from './enums';
import { optionalRecordText, recordText } from './fields';
import { PastHistoricDateSchema } from './partial-dates';

export const GuardianRelationSchema = z.enum(['FATHER', 'HUSBAND']);
export type GuardianRelation = z.infer<typeof GuardianRelationSchema>;

/** The printed form of a Pakistani CNIC. */
export const CNIC_PATTERN = /^\d{5}-\d{7}-\d$/;

export const PhoneNumberSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{5,30}$/, 'Enter a phone number with digits, spaces, +, - and brackets only');

export const AddressKindSchema = z.enum(['HOME', 'WORK', 'OTHER']);
export type AddressKind = z.infer<typeof AddressKindSchema>;

/** A descriptive address (mohalla, sector, landmark), not a postal one. */
export const PersonAddressSchema = z.strictObject({ kind: AddressKindSchema, text: recordText(500) });
export type PersonAddress = z.infer<typeof PersonAddressSchema>;

/** The missing person's record, sent whole. `version` is the one last read; leave it out only when there is no record yet. */
export const MissingPersonRequestSchema = z
  .strictObject({
    fullNameNative: optionalRecordText(200),
    fullNameLatin: optionalRecordText(200),
    aliases: z.array(recordText(200)).max(20, 'Use at most 20 aliases').default([]),
    guardianName: optionalRecordText(200),
    guardianRelation: GuardianRelationSchema.nullable().default(null),
    sex: SexSchema.default('UNKNOWN'),
    /** Often known only as a year or a range; never in the future. */
    dateOfBirth: PastHistoricDateSchema.nullable().default(null),
    nationalIdCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Choose a country (two-letter code)')
      .nullable()
      .default(null),
    nationalId: optionalRecordText(50),
    phones: z.array(PhoneNumberSchema).max(10, 'Use at most 10 phone numbers').default([]),
    addresses: z.array(PersonAddressSchema).max(10, 'Use at most 10 addresses').default([]),
    occupation: optionalRecordText(200),
    physicalDescription: optionalRecordText(4000),
    version: z.number().int().positive('Not a valid version').optional(),
  })
  .superRefine((person, context) => {
    if (!person.fullNameNative && !person.fullNameLatin) {
      context.addIssue({ code: 'custom', path: ['fullNameNative'], message: 'Enter the name in at least one script' });
    }
    if (person.nationalId && !person.nationalIdCountry) {
      context.addIssue({ code: 'custom', path: ['nationalIdCountry'], message: 'Choose the country that issued the ID' });
    }
    if (person.nationalId && person.nationalIdCountry === 'PK' && !CNIC_PATTERN.test(person.nationalId)) {
      context.addIssue({ code: 'custom', path: ['nationalId'], message: 'Enter the CNIC as 12345-1234567-1' });
    }
    if (person.guardianRelation && !person.guardianName) {
      context.addIssue({ code: 'custom', path: ['guardianName'], message: "Enter the father's or husband's name" });
    }
  });
export type MissingPersonRequest = z.infer<typeof MissingPersonRequestSchema>;

export const MissingPersonResponseSchema = z.object({
  caseId: z.uuid(),
  fullNameNative: z.string().nullable(),
  fullNameLatin: z.string().nullable(),
  aliases: z.array(z.string()),
  guardianName: z.string().nullable(),
  guardianRelation: GuardianRelationSchema.nullable(),
  sex: SexSchema,
  dateOfBirth: z.object({ from: z.string(), to: z.string().nullable() }).nullable(),
  nationalIdCountry: z.string().nullable(),
  nationalId: z.string().nullable(),
  phones: z.array(z.string()),
  addresses: z.array(z.object({ kind: AddressKindSchema, text: z.string() })),
  occupation: z.string().nullable(),
  physicalDescription: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type MissingPersonResponse = z.infer<typeof MissingPersonResponseSchema>;

/**
 * Other cases of the organisation that may be the same person (same national ID, or the same name
 * and father's/husband's name). Matches the viewer may open are named; any other match is only
 * flagged, revealing neither how many nor which.
 */
export const DuplicateWarningSchema = z.object({
  matches: z.array(z.object({ caseId: z.uuid(), reference: z.string() })),
  hiddenMatches: z.boolean(),
});
export type DuplicateWarning = z.infer<typeof DuplicateWarningSchema>;

export const MissingPersonSavedResponseSchema = MissingPersonResponseSchema.extend({ duplicates: DuplicateWarningSchema });
export type MissingPersonSavedResponse = z.infer<typeof MissingPersonSavedResponseSchema>;
