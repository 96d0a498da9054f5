import { z } from 'zod';
import { IdSchema } from './fields';
import { TimeZoneSchema } from './organizations';

const name = (max: number, empty: string) => z.string().trim().min(1, empty).max(max, `Use at most ${max} characters`);
/** A form's empty field means "not known": stored as null. */
const optionalName = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .default(null);

/** A kind of forum: the seeded list (organizationId null) or one an organisation added. */
export const ForumKindSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameEn: z.string(),
  nameUr: z.string(),
  /** True for the kinds every organisation sees; false for the organisation's own. */
  builtIn: z.boolean(),
});
export type ForumKind = z.infer<typeof ForumKindSchema>;

export const ForumKindListResponseSchema = z.object({ items: z.array(ForumKindSchema) });
export type ForumKindListResponse = z.infer<typeof ForumKindListResponseSchema>;

export const CreateForumKindRequestSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'Use 2–40 capital letters, digits and _ (e.g. PROVINCIAL_OMBUDSMAN)'),
  nameEn: name(200, 'Enter the English name'),
  nameUr: name(200, 'Enter the Urdu name'),
});
export type CreateForumKindRequest = z.infer<typeof CreateForumKindRequestSchema>;

/** A particular court or body. Names of courts are public facts, not personal data: stored in clear. */
export const ForumSchema = z.object({
  id: z.uuid(),
  kind: ForumKindSchema,
  name: z.string(),
  city: z.string().nullable(),
  bench: z.string().nullable(),
  /** The forum's own zone if set, otherwise the organisation's. */
  timeZone: z.string(),
});
export type Forum = z.infer<typeof ForumSchema>;

export const ForumListResponseSchema = z.object({ items: z.array(ForumSchema) });
export type ForumListResponse = z.infer<typeof ForumListResponseSchema>;

export const CreateForumRequestSchema = z.strictObject({
  kindId: IdSchema,
  name: name(200, 'Enter the name of the court or body'),
  city: optionalName(100),
  bench: optionalName(100),
  /** Leave out (or null) to use the organisation's time zone. */
  timeZone: TimeZoneSchema.nullable().default(null),
});
export type CreateForumRequest = z.infer<typeof CreateForumRequestSchema>;
