import { z } from 'zod';

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('Enter a valid email address'));

/** NIST 800-63B: length, not composition. The common-password check runs on the server. */
export const NewPasswordSchema = z
  .string()
  .min(12, 'Use at least 12 characters')
  .max(256, 'Use at most 256 characters');

export const PersonNameSchema = z.string().trim().min(1, 'Enter a name').max(200, 'Use at most 200 characters');

export const IdSchema = z.uuid('Not a valid id');
