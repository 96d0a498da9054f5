import { sign } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateDataKey, wrapKey, type BlindIndex, type KeyRing, type VersionedKey } from '@lapata/crypto';
import { migrateDatabase } from '@lapata/db';
import { auditEventHash, checkpointMessage, GENESIS_HASH } from '../modules/audit/audit-chain';
import { newOrganizationKey } from '../modules/organizations/organization-keys';
import {
  encryptPersonJson,
  encryptPersonList,
  encryptPersonText,
  personFieldContext,
  recordFieldContext,
  type PersonColumn,
} from '../modules/people/person-fields';
import { personNameTokens } from '../modules/people/person-indexes';
import { PasswordHasher } from '../modules/users/password-hasher';
import { encryptUserFields } from '../modules/users/user-fields';
import { benchDatabaseName, benchKeyRing, type BenchServer, recreateDatabase } from './bench-environment';
import { copyRows, type CopyBatch, type CopyValue } from './copy-rows';
import { pooledUuidv7, Random, SYNTHETIC_NOTE, syntheticCity, syntheticCnic, syntheticName, syntheticPhone } from './synthetic';

/** The password of every synthetic user (the benchmark signs in with sessions it writes itself). */
export const BENCH_PASSWORD = 'synthetic-benchmark-password';

export interface SeedOptions {
  cases: number;
  organizations: number;
  users: number;
  proceedingsPerCase: number;
  hearingsPerCase: number;
  diaryPerCase: number;
  /** Cases granted to each organisation's first lawyer (the "lawyer with 200 cases"). */
  lawyerCases: number;
  /** Cases generated and copied per round. */
  chunk: number;
  seed: number;
}

export const defaultSeedOptions: SeedOptions = {
  cases: 1000,
  organizations: 10,
  users: 2000,
  proceedingsPerCase: 3,
  hearingsPerCase: 10,
  diaryPerCase: 2,
  lawyerCases: 200,
  chunk: 2000,
  seed: 20260101,
};

type Role = 'ORG_ADMIN' | 'CASEWORKER' | 'LAWYER' | 'FAMILY';
const CASE_STATUS = { MISSING: 70, LOCATED_ALIVE: 8, LOCATED_DECEASED: 4, RELEASED: 12, CLOSED: 6 } as const;
const ACTIVE_PROCEEDING = { PENDING: 30, HEARING_SCHEDULED: 35, ADJOURNED: 25, RESERVED: 10 } as const;
const ENDED_PROCEEDING = { DECIDED: 40, DISPOSED_OF: 30, DISMISSED: 15, WITHDRAWN: 15 } as const;
const PROCEEDING_TYPES = ['PETITION', 'PETITION', 'COMPLAINT', 'FIR', 'COMMUNICATION', 'APPEAL'] as const;
const DIARY_KINDS = ['VISIT', 'CALL', 'POLICE_CONTACT', 'COMMISSION_APPEARANCE', 'MEDIA', 'OTHER'] as const;
const FORUMS = [
  ['SUPREME_COURT', 'Supreme Court of Pakistan (synthetic)', 'Islamabad'],
  ['HIGH_COURT', 'Balochistan High Court (synthetic)', 'Quetta'],
  ['HIGH_COURT', 'Sindh High Court (synthetic)', 'Karachi'],
  ['HIGH_COURT', 'Islamabad High Court (synthetic)', 'Islamabad'],
  ['DISTRICT_SESSIONS_COURT', 'District & Sessions Court (synthetic)', 'Turbat'],
  ['COIED', 'Commission of Inquiry on Enforced Disappearances (synthetic)', 'Islamabad'],
  ['POLICE', 'Police station (synthetic)', 'Quetta'],
  ['NCHR', 'National Commission for Human Rights (synthetic)', 'Islamabad'],
  ['UN_WGEID', 'UN WGEID (synthetic)', 'Geneva'],
] as const;

const DAY = 86_400_000;

interface Organization {
  id: string;
  prefix: string;
  key: VersionedKey;
  blindIndex: BlindIndex;
  admins: string[];
  caseworkers: string[];
  lawyers: string[];
  family: string[];
  forums: string[];
  /** Cases given so far to the organisation's first lawyer. */
  busyLawyerCases: number;
  /** Cases of the organisation seeded so far. */
  cases: number;
  /** Next case number per year. */
  counters: Map<number, number>;
  audit: { seq: bigint; hash: Uint8Array };
}

/** Rows of one round, per table, in the order they are copied (foreign keys first). */
class Rows {
  readonly batches = new Map<string, CopyBatch>();

  constructor(tables: Record<string, readonly string[]>) {
    for (const [table, columns] of Object.entries(tables)) this.batches.set(table, { table, columns, rows: [] });
  }

  add(table: string, row: CopyValue[]): void {
    const batch = this.batches.get(table);
    if (!batch) throw new Error(`No columns for ${table}`);
    if (row.length !== batch.columns.length) throw new Error(`${table}: ${row.length} values for ${batch.columns.length} columns`);
    batch.rows.push(row);
  }

  count(): number {
    let total = 0;
    for (const batch of this.batches.values()) total += batch.rows.length;
    return total;
  }
}

const CASE_TABLES = {
  cases: ['id', 'organization_id', 'reference', 'status', 'tags', 'assigned_caseworker_id', 'version', 'created_at', 'updated_at'],
  case_keys: ['id', 'organization_id', 'case_id', 'version', 'wrapped_key', 'org_key_version', 'created_at'],
  case_status_changes: ['id', 'organization_id', 'case_id', 'from_status', 'to_status', 'effective_on', 'changed_by_id', 'created_at'],
  missing_persons: [
    'id', 'organization_id', 'case_id', 'full_name_native_enc', 'full_name_latin_enc', 'aliases_enc', 'guardian_name_enc',
    'guardian_relation', 'sex', 'date_of_birth_enc', 'national_id_country', 'national_id_enc', 'national_id_bidx', 'phones_enc',
    'addresses_enc', 'occupation_enc', 'physical_description_enc', 'version', 'created_at', 'updated_at',
  ],
  person_name_tokens: ['id', 'organization_id', 'missing_person_id', 'field', 'token_bidx'],
  disappearances: [
    'id', 'organization_id', 'case_id', 'last_seen_from', 'last_seen_to', 'last_seen_precision', 'last_seen_place_enc',
    'circumstances_enc', 'version', 'created_at', 'updated_at',
  ],
  case_grants: ['id', 'organization_id', 'case_id', 'user_id', 'level', 'kind', 'granted_by_id', 'created_at'],
  proceedings: [
    'id', 'organization_id', 'case_id', 'forum_id', 'type', 'case_number_enc', 'filed_from', 'filed_to', 'filed_precision',
    'respondents_enc', 'relief_sought_enc', 'status', 'version', 'created_at', 'updated_at',
  ],
  proceeding_counsel: ['organization_id', 'proceeding_id', 'user_id', 'created_at'],
  hearings: [
    'id', 'organization_id', 'case_id', 'proceeding_id', 'scheduled_at', 'court_room', 'purpose_enc', 'outcome',
    'outcome_recorded_at', 'order_summary_enc', 'previous_hearing_id', 'version', 'created_at', 'updated_at',
  ],
  diary_entries: [
    'id', 'organization_id', 'case_id', 'kind', 'occurred_from', 'occurred_to', 'occurred_precision', 'body_enc', 'author_id',
    'version', 'created_at', 'updated_at',
  ],
  audit_events: [
    'id', 'organization_id', 'seq', 'actor_id', 'case_id', 'entity', 'entity_id', 'action', 'fields', 'break_glass', 'request_id',
    'occurred_at', 'prev_hash', 'hash',
  ],
} as const;

const PERSON_AUDIT_FIELDS = ['fullNameNative', 'fullNameLatin', 'aliases', 'guardianName', 'guardianRelation', 'sex', 'dateOfBirth', 'nationalIdCountry', 'nationalId', 'phones', 'addresses', 'occupation', 'physicalDescription'];

const day = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Writes a synthetic register through the real encryption code: organisation keys wrapped by the
 * key ring, a data key per case wrapped by its organisation key, every personal field encrypted
 * with the helpers the API uses and bound to its organisation, table, column and row, blind
 * indexes from the organisation's indexer, and a hash-chained, signed audit trail. Rows go in with
 * COPY, a round of `chunk` cases at a time.
 */
export class SyntheticRegister {
  readonly #random: Random;
  readonly #organizations: Organization[] = [];
  readonly #now = Date.now();
  readonly #start = this.#now - 10 * 365 * DAY;
  #forumKinds = new Map<string, string>();
  #cases = 0;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly keys: KeyRing,
    private readonly options: SeedOptions,
  ) {
    this.#random = new Random(options.seed);
  }

  /** Organisations, keys, users, memberships and forums. */
  async seedOrganizations(): Promise<void> {
    const { rows: kinds } = await this.client.query<{ id: string; code: string }>('select id, code from forum_kinds where organization_id is null');
    this.#forumKinds = new Map(kinds.map((kind) => [kind.code, kind.id]));
    const passwordHash = await new PasswordHasher().hash(BENCH_PASSWORD);
    const rows = new Rows({
      organizations: ['id', 'name', 'case_reference_prefix', 'version', 'created_at', 'updated_at'],
      organization_keys: ['id', 'organization_id', 'version', 'wrapped_key', 'kek_version', 'created_at'],
      users: ['id', 'email_enc', 'email_bidx', 'display_name_enc', 'password_hash', 'locale', 'version', 'created_at', 'updated_at'],
      memberships: ['id', 'organization_id', 'user_id', 'role', 'created_at'],
      forums: ['id', 'organization_id', 'kind_id', 'name', 'city', 'created_at'],
    });
    const created = new Date(this.#start - 30 * DAY);
    const usersPerOrganization = Math.max(4, Math.floor(this.options.users / this.options.organizations));
    let userNumber = 0;
    for (let index = 0; index < this.options.organizations; index += 1) {
      const id = pooledUuidv7(Date.now());
      const prefix = `SYN${String.fromCharCode(65 + Math.floor(index / 26))}${String.fromCharCode(65 + (index % 26))}`;
      rows.add('organizations', [id, `Synthetic organisation ${index + 1} (benchmark)`, prefix, 1, created, created]);
      const organizationKey = newOrganizationKey(this.keys, id);
      rows.add('organization_keys', [pooledUuidv7(Date.now()), id, organizationKey.version, organizationKey.wrappedKey, organizationKey.kekVersion, created]);
      const key = this.keys.unwrap(organizationKey.wrappedKey, { kind: 'organisation-key', organizationId: id, version: organizationKey.version });
      const organization: Organization = {
        id,
        prefix,
        key: { version: organizationKey.version, key },
        blindIndex: this.keys.blindIndex.forOrganisation(id, key),
        admins: [],
        caseworkers: [],
        lawyers: [],
        family: [],
        forums: [],
        busyLawyerCases: 0,
        cases: 0,
        counters: new Map(),
        audit: { seq: 0n, hash: GENESIS_HASH },
      };
      for (let member = 0; member < usersPerOrganization; member += 1) {
        const share = member / usersPerOrganization;
        const role: Role = member < 2 ? 'ORG_ADMIN' : share < 0.3 ? 'CASEWORKER' : share < 0.5 ? 'LAWYER' : 'FAMILY';
        const userId = pooledUuidv7(Date.now());
        userNumber += 1;
        const email = `${role.toLowerCase().replace('_', '-')}-${String(userNumber).padStart(5, '0')}@synthetic.invalid`;
        const fields = encryptUserFields(this.keys, userId, { email, displayName: `Synthetic ${role.toLowerCase()} ${userNumber}` });
        rows.add('users', [userId, fields.emailEnc, fields.emailBidx, fields.displayNameEnc, passwordHash, member % 3 === 0 ? 'ur' : 'en', 1, created, created]);
        rows.add('memberships', [pooledUuidv7(Date.now()), id, userId, role, created]);
        ({ ORG_ADMIN: organization.admins, CASEWORKER: organization.caseworkers, LAWYER: organization.lawyers, FAMILY: organization.family })[role].push(userId);
      }
      for (const [code, name, city] of FORUMS) {
        const forumId = pooledUuidv7(Date.now());
        rows.add('forums', [forumId, id, this.#forumKinds.get(code) ?? this.#forumKinds.get('OTHER')!, name, city, created]);
        organization.forums.push(forumId);
      }
      this.#organizations.push(organization);
    }
    for (const batch of rows.batches.values()) await copyRows(this.client, batch);
  }

  /** The next `count` cases with everything they hold; returns the rows written. */
  async seedCases(count: number): Promise<number> {
    const rows = new Rows(CASE_TABLES);
    for (let i = 0; i < count; i += 1) this.#addCase(rows);
    for (const batch of rows.batches.values()) await copyRows(this.client, batch);
    return rows.count();
  }

  #addCase(rows: Rows): void {
    const random = this.#random;
    const index = this.#cases;
    this.#cases += 1;
    const organization = this.#organizationFor(index);
    // Cases open in order over ten years, so each organisation's audit chain runs forward in time.
    const createdAt = new Date(this.#start + Math.floor(((this.#now - this.#start - 30 * DAY) * index) / this.options.cases));
    const updatedAt = new Date(createdAt.getTime() + Math.floor(random.next() * (this.#now - createdAt.getTime())));
    const caseId = pooledUuidv7(createdAt.getTime());
    const year = createdAt.getUTCFullYear();
    const number = organization.counters.get(year) ?? 1;
    organization.counters.set(year, number + 1);
    const status = random.weighted(CASE_STATUS);
    const caseworker = random.pick(organization.caseworkers);
    const tags = random.chance(0.3) ? [random.pick(['urgent', 'student', 'journalist', 'activist', 'labourer'])] : [];
    rows.add('cases', [caseId, organization.id, `${organization.prefix}-${year}-${String(number).padStart(4, '0')}`, status, tags, caseworker, 1, createdAt, updatedAt]);

    const caseKey: VersionedKey = { version: 1, key: generateDataKey() };
    const wrapped = wrapKey(organization.key, caseKey.key, { kind: 'case-key', organizationId: organization.id, caseId, version: 1 });
    rows.add('case_keys', [pooledUuidv7(createdAt.getTime()), organization.id, caseId, 1, new Uint8Array(wrapped), organization.key.version, createdAt]);
    rows.add('case_status_changes', [pooledUuidv7(createdAt.getTime()), organization.id, caseId, null, 'MISSING', isoDay(createdAt), caseworker, createdAt]);
    if (status !== 'MISSING') {
      rows.add('case_status_changes', [pooledUuidv7(updatedAt.getTime()), organization.id, caseId, 'MISSING', status, isoDay(updatedAt), caseworker, updatedAt]);
    }

    const personId = this.#addPerson(rows, organization, caseId, caseKey, createdAt);
    this.#addDisappearance(rows, organization, caseId, caseKey, createdAt);

    // Grants: the assigned caseworker manages; a lawyer contributes (each organisation's first
    // lawyer gets `lawyerCases` cases spread evenly over the years, so their calendar looks alike at
    // every size); some cases have a family member who views.
    const stride = Math.max(1, Math.floor(this.#expectedCases(organization) / this.options.lawyerCases));
    const busy = organization.busyLawyerCases < this.options.lawyerCases && organization.cases % stride === 0;
    const lawyer = busy ? organization.lawyers[0]! : random.pick(organization.lawyers.slice(1));
    if (busy) organization.busyLawyerCases += 1;
    organization.cases += 1;
    const grantedBy = organization.admins[0]!;
    rows.add('case_grants', [pooledUuidv7(createdAt.getTime()), organization.id, caseId, caseworker, 'MANAGE', 'GRANT', grantedBy, createdAt]);
    rows.add('case_grants', [pooledUuidv7(createdAt.getTime()), organization.id, caseId, lawyer, 'CONTRIBUTE', 'GRANT', grantedBy, createdAt]);
    if (random.chance(0.3)) {
      rows.add('case_grants', [pooledUuidv7(createdAt.getTime()), organization.id, caseId, random.pick(organization.family), 'VIEW', 'GRANT', grantedBy, createdAt]);
    }

    this.#addProceedings(rows, organization, caseId, caseKey, createdAt, lawyer);
    for (let i = 0; i < this.options.diaryPerCase; i += 1) {
      const occurred = new Date(createdAt.getTime() + Math.floor(random.next() * (this.#now - createdAt.getTime())));
      const id = pooledUuidv7(occurred.getTime());
      const body = encryptPersonText(caseKey, recordFieldContext(organization.id, 'diary_entries', 'body_enc', id), `${SYNTHETIC_NOTE} (${random.pick(DIARY_KINDS).toLowerCase()})`);
      rows.add('diary_entries', [id, organization.id, caseId, random.pick(DIARY_KINDS), isoDay(occurred), isoDay(occurred), 'DAY', body, caseworker, 1, occurred, occurred]);
    }

    this.#audit(rows, organization, { actorId: caseworker, caseId, entity: 'case', entityId: caseId, action: 'create', fields: ['tags', 'assignedCaseworkerId', 'status'] }, createdAt);
    this.#audit(rows, organization, { actorId: caseworker, caseId, entity: 'missing_person', entityId: personId, action: 'create', fields: PERSON_AUDIT_FIELDS }, createdAt);
  }

  /** How many cases the organisation will hold once the seed is done (see #organizationFor). */
  #expectedCases(organization: Organization): number {
    const organizations = this.#organizations.length;
    const share = Math.max(1 / organizations, Math.min(1, this.options.lawyerCases / this.options.cases));
    const first = Math.floor(this.options.cases * share);
    return organization === this.#organizations[0] ? first : Math.floor((this.options.cases - first) / Math.max(1, organizations - 1));
  }

  /**
   * Cases go round the organisations in turn, except that the first one takes a larger share when
   * needed to hold `lawyerCases` cases: its busy lawyer then has the same workload at every size,
   * so the scaling ratios compare like with like.
   */
  #organizationFor(index: number): Organization {
    const organizations = this.#organizations;
    const share = Math.max(1 / organizations.length, Math.min(1, this.options.lawyerCases / this.options.cases));
    const before = Math.floor(index * share);
    if (organizations.length === 1 || Math.floor((index + 1) * share) > before) return organizations[0]!;
    return organizations[1 + ((index - before) % (organizations.length - 1))]!;
  }

  #addPerson(rows: Rows, organization: Organization, caseId: string, key: VersionedKey, createdAt: Date): string {
    const random = this.#random;
    const id = pooledUuidv7(createdAt.getTime());
    const sex = random.chance(0.9) ? 'MALE' : 'FEMALE';
    const name = syntheticName(random, sex);
    const guardian = syntheticName(random, 'MALE');
    const aliases = random.chance(0.2) ? [syntheticName(random, sex).latin.split(' ')[0]!] : [];
    const cnic = random.chance(0.7) ? syntheticCnic(random, sex) : null;
    const born = new Date(createdAt.getTime() - random.int(16, 60) * 365 * DAY);
    const context = (column: PersonColumn) => personFieldContext(organization.id, id, column);
    const nationalIdBidx = cnic === null ? null : organization.blindIndex.nationalId(cnic, 'PK');
    rows.add('missing_persons', [
      id, organization.id, caseId,
      encryptPersonText(key, context('full_name_native_enc'), name.native),
      encryptPersonText(key, context('full_name_latin_enc'), name.latin),
      encryptPersonList(key, context('aliases_enc'), aliases),
      encryptPersonText(key, context('guardian_name_enc'), guardian.latin),
      sex === 'FEMALE' && random.chance(0.5) ? 'HUSBAND' : 'FATHER',
      sex,
      encryptPersonJson(key, context('date_of_birth_enc'), { from: String(born.getUTCFullYear()), to: null }),
      cnic === null ? null : 'PK',
      encryptPersonText(key, context('national_id_enc'), cnic),
      nationalIdBidx === null ? null : new Uint8Array(nationalIdBidx),
      encryptPersonList(key, context('phones_enc'), random.chance(0.6) ? [syntheticPhone(random)] : []),
      encryptPersonJson(key, context('addresses_enc'), [{ kind: 'HOME', text: `Synthetic address, ${syntheticCity(random)}` }]),
      encryptPersonText(key, context('occupation_enc'), random.pick(['Student', 'Labourer', 'Driver', 'Shopkeeper', 'Teacher'])),
      encryptPersonText(key, context('physical_description_enc'), SYNTHETIC_NOTE),
      1, createdAt, createdAt,
    ]);
    const tokens = personNameTokens(organization.blindIndex, {
      fullNameNative: name.native,
      fullNameLatin: name.latin,
      aliases,
      guardianName: guardian.latin,
    });
    for (const { field, tokenBidx } of tokens) rows.add('person_name_tokens', [pooledUuidv7(createdAt.getTime()), organization.id, id, field, tokenBidx]);
    return id;
  }

  #addDisappearance(rows: Rows, organization: Organization, caseId: string, key: VersionedKey, createdAt: Date): void {
    const random = this.#random;
    const id = pooledUuidv7(createdAt.getTime());
    const lastSeen = day(new Date(createdAt.getTime() - random.int(1, 60) * DAY));
    const context = (column: string) => recordFieldContext(organization.id, 'disappearances', column, id);
    rows.add('disappearances', [
      id, organization.id, caseId, isoDay(lastSeen), isoDay(lastSeen), 'DAY',
      encryptPersonText(key, context('last_seen_place_enc'), `Synthetic place, ${syntheticCity(random)}`),
      encryptPersonText(key, context('circumstances_enc'), SYNTHETIC_NOTE),
      1, createdAt, createdAt,
    ]);
  }

  #addProceedings(rows: Rows, organization: Organization, caseId: string, key: VersionedKey, createdAt: Date, lawyer: string): void {
    const random = this.#random;
    const { proceedingsPerCase, hearingsPerCase } = this.options;
    for (let p = 0; p < proceedingsPerCase; p += 1) {
      const filed = day(new Date(createdAt.getTime() + random.int(5, 120) * DAY));
      const filedAt = new Date(Math.min(filed.getTime(), this.#now - DAY));
      const id = pooledUuidv7(filedAt.getTime());
      const active = random.chance(0.6);
      const status = active ? random.weighted(ACTIVE_PROCEEDING) : random.weighted(ENDED_PROCEEDING);
      const context = (column: string) => recordFieldContext(organization.id, 'proceedings', column, id);
      rows.add('proceedings', [
        id, organization.id, caseId, random.pick(organization.forums), random.pick(PROCEEDING_TYPES),
        encryptPersonText(key, context('case_number_enc'), `SYN-${random.int(100, 9999)}/${filedAt.getUTCFullYear()}`),
        isoDay(filedAt), isoDay(filedAt), 'DAY',
        encryptPersonJson(key, context('respondents_enc'), ['Synthetic respondent (benchmark)']),
        encryptPersonText(key, context('relief_sought_enc'), SYNTHETIC_NOTE),
        status, 1, filedAt, filedAt,
      ]);
      rows.add('proceeding_counsel', [organization.id, id, lawyer, filedAt]);

      // This proceeding's share of the case's hearings, a few weeks apart; an active proceeding's
      // last hearing lies ahead (within 90 days), an ended one's all lie behind.
      const count = Math.floor(hearingsPerCase / proceedingsPerCase) + (p < hearingsPerCase % proceedingsPerCase ? 1 : 0);
      const last = active ? this.#now + random.int(1, 90) * DAY : Math.min(this.#now - random.int(1, 365) * DAY, filedAt.getTime() + count * 45 * DAY);
      const first = Math.min(filedAt.getTime() + 14 * DAY, last);
      let previous: string | null = null;
      for (let h = 0; h < count; h += 1) {
        const at = count === 1 ? last : first + Math.floor(((last - first) * h) / (count - 1));
        // 09:00-12:00 in Pakistan (UTC+5), on the half hour.
        const scheduledAt = new Date(at - (at % DAY) + 4 * 3_600_000 + random.int(0, 6) * 30 * 60_000);
        const hearingId = pooledUuidv7(Math.min(at, this.#now));
        const past = scheduledAt.getTime() < this.#now;
        // Most past hearings have an outcome; a few still wait for one (the needs-attention list).
        const outcome = past && random.chance(0.95) ? (h < count - 1 ? 'ADJOURNED' : random.pick(['ORDER_PASSED', 'APPEARED', 'NOT_TAKEN_UP'] as const)) : null;
        const hearingContext = (column: string) => recordFieldContext(organization.id, 'hearings', column, hearingId);
        const stamp = new Date(Math.min(scheduledAt.getTime(), this.#now));
        rows.add('hearings', [
          hearingId, organization.id, caseId, id, scheduledAt, `Court room ${random.int(1, 12)}`,
          encryptPersonText(key, hearingContext('purpose_enc'), 'Synthetic hearing purpose (benchmark)'),
          outcome, outcome === null ? null : new Date(scheduledAt.getTime() + 6 * 3_600_000),
          outcome === 'ORDER_PASSED' ? encryptPersonText(key, hearingContext('order_summary_enc'), SYNTHETIC_NOTE) : null,
          previous, 1, stamp, stamp,
        ]);
        previous = outcome === 'ADJOURNED' ? hearingId : null;
      }
    }
  }

  #audit(
    rows: Rows,
    organization: Organization,
    entry: { actorId: string; caseId: string; entity: string; entityId: string; action: string; fields: string[] },
    occurredAt: Date,
  ): void {
    const chained = {
      organizationId: organization.id,
      ...entry,
      breakGlass: false,
      requestId: null,
      seq: organization.audit.seq + 1n,
      occurredAt,
      prevHash: organization.audit.hash,
    };
    const hash = auditEventHash(chained);
    rows.add('audit_events', [
      pooledUuidv7(occurredAt.getTime()), organization.id, chained.seq, entry.actorId, entry.caseId, entry.entity, entry.entityId,
      entry.action, entry.fields, false, null, occurredAt, new Uint8Array(chained.prevHash), new Uint8Array(hash),
    ]);
    organization.audit = { seq: chained.seq, hash };
  }

  /** Each chain head, with a signed checkpoint over it, and case counters past the references used. */
  async finish(): Promise<void> {
    const rows = new Rows({
      audit_checkpoints: ['id', 'organization_id', 'seq', 'hash', 'signature', 'key_id', 'signed_at'],
      audit_chain_heads: ['organization_id', 'seq', 'hash', 'checkpoint_signed_at'],
      case_reference_counters: ['organization_id', 'year', 'next'],
    });
    for (const organization of this.#organizations) {
      if (organization.audit.seq > 0n) {
        const hash = organization.audit.hash;
        const signature = sign(null, checkpointMessage(organization.id, organization.audit.seq, hash), this.keys.auditSigningKey);
        const signedAt = new Date();
        rows.add('audit_checkpoints', [pooledUuidv7(signedAt.getTime()), organization.id, organization.audit.seq, new Uint8Array(hash), new Uint8Array(signature), this.keys.auditKeyId, signedAt]);
        rows.add('audit_chain_heads', [organization.id, organization.audit.seq, new Uint8Array(hash), signedAt]);
      }
      for (const [year, next] of organization.counters) rows.add('case_reference_counters', [organization.id, year, next]);
    }
    for (const batch of rows.batches.values()) await copyRows(this.client, batch);
  }
}

/** Fills `connectionString` (an empty, migrated database) with `options.cases` synthetic cases. */
export async function seedRegister(
  connectionString: string,
  keys: KeyRing,
  options: SeedOptions,
  onProgress: (casesDone: number, rowsDone: number) => void = () => undefined,
): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const client = new pg.Client({ connectionString, application_name: 'lapata-seed' });
  await client.connect();
  try {
    // Nothing is lost if the machine stops half-way: the seed starts over on an empty database.
    await client.query('set synchronous_commit = off');
    const { rows: existing } = await client.query<{ n: string }>('select count(*) as n from organizations');
    if (Number(existing[0]!.n) > 0) throw new Error('The database already holds organisations: seed into an empty database');
    const register = new SyntheticRegister(client, keys, options);
    await register.seedOrganizations();
    let done = 0;
    let rows = 0;
    while (done < options.cases) {
      const count = Math.min(options.chunk, options.cases - done);
      rows += await register.seedCases(count);
      done += count;
      onProgress(done, rows);
    }
    await register.finish();
    await client.query('vacuum analyze');
    return { rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

export function parseSeedOptions(argv: string[]): SeedOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      cases: { type: 'string' },
      organizations: { type: 'string' },
      users: { type: 'string' },
      'proceedings-per-case': { type: 'string' },
      'hearings-per-case': { type: 'string' },
      'diary-per-case': { type: 'string' },
      'lawyer-cases': { type: 'string' },
      chunk: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const number = (name: keyof typeof values, fallback: number, min: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
    return value;
  };
  const d = defaultSeedOptions;
  return {
    cases: number('cases', d.cases, 1),
    organizations: number('organizations', d.organizations, 1),
    users: number('users', d.users, 4),
    proceedingsPerCase: number('proceedings-per-case', d.proceedingsPerCase, 1),
    hearingsPerCase: number('hearings-per-case', d.hearingsPerCase, 0),
    diaryPerCase: number('diary-per-case', d.diaryPerCase, 0),
    lawyerCases: number('lawyer-cases', d.lawyerCases, 0),
    chunk: number('chunk', d.chunk, 1),
    seed: number('seed', d.seed, 0),
  };
}

/** (Re)creates the size's database (lapata_bench_<cases>) on `server`, migrates it and fills it. */
export async function seedBenchDatabase(
  server: BenchServer,
  options: SeedOptions,
  onProgress?: (casesDone: number, rowsDone: number) => void,
): Promise<{ database: string; rows: number; seconds: number }> {
  const database = benchDatabaseName(options.cases);
  await recreateDatabase(server.serverUrl, database);
  const url = server.databaseUrl(options.cases);
  await migrateDatabase({ connectionString: url });
  const result = await seedRegister(url, benchKeyRing(), options, onProgress);
  return { database, ...result };
}
