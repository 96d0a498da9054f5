import pg from 'pg';
import { uuidv7 } from './uuid';

export interface BuiltInForumKind {
  code: string;
  nameEn: string;
  nameUr: string;
  sortOrder: number;
}

/** The kinds of forum every organisation sees (rows with no organisation). */
export const builtInForumKinds: readonly BuiltInForumKind[] = [
  { code: 'SUPREME_COURT', nameEn: 'Supreme Court', nameUr: 'سپریم کورٹ', sortOrder: 10 },
  { code: 'HIGH_COURT', nameEn: 'High Court', nameUr: 'ہائی کورٹ', sortOrder: 20 },
  {
    code: 'DISTRICT_SESSIONS_COURT',
    nameEn: 'District & Sessions Court',
    nameUr: 'ڈسٹرکٹ اینڈ سیشنز کورٹ',
    sortOrder: 30,
  },
  {
    code: 'COIED',
    nameEn: 'Commission of Inquiry on Enforced Disappearances',
    nameUr: 'جبری گمشدگیوں پر انکوائری کمیشن',
    sortOrder: 40,
  },
  { code: 'POLICE', nameEn: 'Police (FIR/complaint)', nameUr: 'پولیس (ایف آئی آر / شکایت)', sortOrder: 50 },
  {
    code: 'NCHR',
    nameEn: 'National Commission for Human Rights',
    nameUr: 'قومی کمیشن برائے انسانی حقوق',
    sortOrder: 60,
  },
  {
    code: 'UN_WGEID',
    nameEn: 'UN Working Group on Enforced or Involuntary Disappearances (WGEID)',
    nameUr: 'جبری یا غیر رضاکارانہ گمشدگیوں پر اقوامِ متحدہ کا ورکنگ گروپ',
    sortOrder: 70,
  },
  { code: 'OTHER', nameEn: 'Other', nameUr: 'دیگر', sortOrder: 1000 },
];

// `@@unique([organizationId, code])` does not stop two built-in rows with the same code (NULLs
// are distinct in a unique index), so concurrent seeders (two starts at once) take this lock.
const seedLock = 'lapata.reference-data';

const upsertBuiltInForumKinds = `
  with wanted (id, code, name_en, name_ur, sort_order) as (
    select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[])
  ),
  updated as (
    update forum_kinds kind
    set name_en = wanted.name_en, name_ur = wanted.name_ur, sort_order = wanted.sort_order
    from wanted
    where kind.organization_id is null and kind.code = wanted.code
      and (kind.name_en, kind.name_ur, kind.sort_order)
        is distinct from (wanted.name_en, wanted.name_ur, wanted.sort_order)
  )
  insert into forum_kinds (id, organization_id, code, name_en, name_ur, sort_order)
  select wanted.id, null, wanted.code, wanted.name_en, wanted.name_ur, wanted.sort_order
  from wanted
  where not exists (select 1 from forum_kinds kind where kind.organization_id is null and kind.code = wanted.code)`;

/**
 * Inserts or updates the built-in reference data (forum kinds). Idempotent: run on every
 * migration, so a fresh installation has it and a changed name reaches existing ones.
 */
export async function seedReferenceData(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: 'lapata-seed' });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [seedLock]);
    await client.query(upsertBuiltInForumKinds, [
      builtInForumKinds.map(() => uuidv7()),
      builtInForumKinds.map((kind) => kind.code),
      builtInForumKinds.map((kind) => kind.nameEn),
      builtInForumKinds.map((kind) => kind.nameUr),
      builtInForumKinds.map((kind) => kind.sortOrder),
    ]);
    await client.query('commit');
  } finally {
    // On failure, closing the connection rolls the open transaction back.
    await client.end();
  }
}
