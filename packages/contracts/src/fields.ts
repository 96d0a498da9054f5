import { z } from 'zod';

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('Enter a valid email address'));

/** NIST 800-63B: length, not composition. The common-password check runs on the server. */
export const NewPasswordSchema = z
  .string()
  .min(12, 'Use at least 12 characters')
  .max(256, 'Use at most 256 characters');

export const PersonNameSchema = z.string().trim().min(1, 'Enter a name').max(200, 'Use at most 200 characters');

export const IdSchema = z.uuid('Not a valid id');

/** Free text that must not be empty (an entry of a list, a required field). */
export const recordText = (max: number, empty = 'Enter some text or remove the entry') =>
  z.string().trim().min(1, empty).max(max, `Use at most ${max} characters`);

/** A form's empty field means "not known": stored as null. */
export const optionalRecordText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .default(null);
