import { z } from 'zod';
import { IdSchema } from './fields';

/** Photos of the missing person: JPEG, PNG or WebP, stored without EXIF/GPS metadata. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

export const PhotoResponseSchema = z.strictObject({
  id: IdSchema,
  mimeType: z.enum(PHOTO_TYPES),
  sizeBytes: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
});
export type PhotoResponse = z.infer<typeof PhotoResponseSchema>;

export const PhotoListResponseSchema = z.strictObject({ items: z.array(PhotoResponseSchema) });
export type PhotoListResponse = z.infer<typeof PhotoListResponseSchema>;
