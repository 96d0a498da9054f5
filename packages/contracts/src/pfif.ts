import { z } from 'zod';
import { DuplicateWarningSchema } from './people';
import { parsePartialDate } from './partial-dates';

/**
 * PFIF 1.4 (People Finder Interchange Format): the XML the export writes and the import reads.
 * Field names are PFIF's own (snake_case); per-record import errors are keyed by them.
 */
export const PFIF_NAMESPACE = 'http://zesty.ca/pfif/1.4';
/** The largest PFIF file the import accepts, in bytes. */
export const PFIF_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** The most person records one import may hold (each becomes a case). */
export const PFIF_IMPORT_MAX_RECORDS = 200;

/** The person fields of PFIF 1.4, in the order the schema's sequence lists them. */
export const PFIF_PERSON_FIELDS = [
  'person_record_id',
  'entry_date',
  'expiry_date',
  'author_name',
  'author_email',
  'author_phone',
  'source_name',
  'source_date',
  'source_url',
  'full_name',
  'given_name',
  'family_name',
  'alternate_names',
  'description',
  'sex',
  'date_of_birth',
  'age',
  'home_street',
  'home_neighborhood',
  'home_city',
  'home_state',
  'home_postal_code',
  'home_country',
  'photo_url',
  'profile_urls',
] as const;
export type PfifPersonField = (typeof PFIF_PERSON_FIELDS)[number];

/** The note fields of PFIF 1.4, in schema order. */
export const PFIF_NOTE_FIELDS = [
  'note_record_id',
  'person_record_id',
  'linked_person_record_id',
  'entry_date',
  'author_name',
  'author_email',
  'author_phone',
  'source_date',
  'author_made_contact',
  'status',
  'email_of_found_person',
  'phone_of_found_person',
  'last_known_location',
  'text',
  'photo_url',
] as const;
export type PfifNoteField = (typeof PFIF_NOTE_FIELDS)[number];

export const PfifNoteStatusSchema = z.enum([
  'information_sought',
  'is_note_author',
  'believed_alive',
  'believed_missing',
  'believed_dead',
]);
export type PfifNoteStatus = z.infer<typeof PfifNoteStatusSchema>;

const RECORD_ID = /^[^/\s]+\/\S+$/;
const PFIF_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const optional = (max: number) => z.string().max(max, `Use at most ${max} characters`).optional();
const dateTime = z
  .string()
  .regex(PFIF_DATE_TIME, 'Enter the time in UTC as YYYY-MM-DDThh:mm:ssZ')
  .refine((value) => !PFIF_DATE_TIME.test(value) || !Number.isNaN(Date.parse(value)), 'This date does not exist');

/** Today in UTC plus one day: a birth date entered in Pakistan may be "tomorrow" in UTC. */
const latestAllowedDay = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/**
 * One `<pfif:person>` as read from a file: each field's text (empty elements already left out).
 * Only what Lapata keeps is checked beyond its length; the rest is accepted and not imported.
 */
export const PfifPersonSchema = z.strictObject({
  person_record_id: z
    .string({ error: 'Give the record id (domain/unique-id)' })
    .max(500, 'Use at most 500 characters')
    .regex(RECORD_ID, 'Enter the record id as domain/unique-id'),
  entry_date: dateTime.optional(),
  expiry_date: dateTime.optional(),
  author_name: optional(500),
  author_email: optional(500),
  author_phone: optional(500),
  source_name: optional(500),
  source_date: z
    .string({ error: 'Give the source date (YYYY-MM-DDThh:mm:ssZ)' })
    .regex(PFIF_DATE_TIME, 'Enter the time in UTC as YYYY-MM-DDThh:mm:ssZ'),
  source_url: optional(2000),
  full_name: z.string({ error: 'Give the full name' }).max(200, 'Use at most 200 characters'),
  given_name: optional(200),
  family_name: optional(200),
  alternate_names: z
    .string()
    .max(4000, 'Use at most 4000 characters')
    .refine((value) => value.split('\n').filter((name) => name.trim() !== '').length <= 21, 'Give at most 20 alternate names')
    .refine((value) => value.split('\n').every((name) => name.trim().length <= 200), 'Use at most 200 characters per name')
    .optional(),
  description: optional(4000),
  sex: z.enum(['female', 'male', 'other'], { error: 'Use female, male or other' }).optional(),
  date_of_birth: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Enter the date of birth as YYYY, YYYY-MM or YYYY-MM-DD')
    .refine((value) => !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) || parsePartialDate(value) !== null, 'This date does not exist')
    .refine((value) => value.slice(0, 10) <= latestAllowedDay(), 'This date is in the future')
    .optional(),
  age: z
    .string()
    .regex(/^\d{1,3}(-\d{1,3})?$/, 'Enter the age as a number or a range such as 30-40')
    .optional(),
  home_street: optional(500),
  home_neighborhood: optional(500),
  home_city: optional(500),
  home_state: optional(500),
  home_postal_code: optional(50),
  home_country: optional(50),
  photo_url: optional(2000),
  profile_urls: optional(4000),
});
export type PfifPerson = z.infer<typeof PfifPersonSchema>;

/** One imported record's failures, keyed by PFIF field name (or `record` for the record as a whole). */
export const PfifRecordErrorSchema = z.object({
  /** Position of the `<pfif:person>` in the file, from 0. */
  index: z.number().int(),
  personRecordId: z.string().nullable(),
  errors: z.record(z.string(), z.array(z.string())),
});
export type PfifRecordError = z.infer<typeof PfifRecordErrorSchema>;

export const PfifImportResponseSchema = z.object({
  cases: z.array(
    z.object({
      index: z.number().int(),
      personRecordId: z.string(),
      caseId: z.uuid(),
      reference: z.string(),
      duplicates: DuplicateWarningSchema,
    }),
  ),
});
export type PfifImportResponse = z.infer<typeof PfifImportResponseSchema>;
