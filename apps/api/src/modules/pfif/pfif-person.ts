import {
  MissingPersonRequestSchema,
  PfifPersonSchema,
  type CaseStatus,
  type MissingPersonRequest,
  type MissingPersonResponse,
  type PfifNoteStatus,
  type PfifPerson,
  type Sex,
} from '@lapata/contracts';
import type { FieldMessages } from '../../common/errors/api-error';
import type { PfifPersonFields } from './pfif-xml';

/**
 * The mapping between Lapata's missing person and PFIF's person. PFIF has one `full_name` and a
 * list of `alternate_names`: the Latin-script name goes first (most person finders search it),
 * the name in the other script and the aliases follow. Only what a person finder needs leaves:
 * no ID number, phone, guardian or occupation.
 */

const SEX_TO_PFIF: Record<Sex, string | undefined> = { FEMALE: 'female', MALE: 'male', OTHER: 'other', UNKNOWN: undefined };
const SEX_FROM_PFIF: Record<NonNullable<PfifPerson['sex']>, Sex> = { female: 'FEMALE', male: 'MALE', other: 'OTHER' };

/** What a case's status tells a person finder (PFIF note `status`); a closed case says nothing. */
export const NOTE_STATUS: Record<CaseStatus, PfifNoteStatus | undefined> = {
  MISSING: 'believed_missing',
  LOCATED_ALIVE: 'believed_alive',
  RELEASED: 'believed_alive',
  LOCATED_DECEASED: 'believed_dead',
  CLOSED: undefined,
};

/** PFIF's UTC time form, without milliseconds. */
export const pfifTime = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

const ARABIC_SCRIPT = /\p{Script=Arabic}/u;

export function toPfifPersonFields(person: MissingPersonResponse): PfifPersonFields {
  const fullName = person.fullNameLatin ?? person.fullNameNative ?? undefined;
  const alternates = [person.fullNameLatin && person.fullNameNative ? person.fullNameNative : null, ...person.aliases].filter(
    (name): name is string => name !== null,
  );
  // A range of birth dates has no PFIF form; a single (partial) date is written as it was entered.
  const dateOfBirth = person.dateOfBirth && person.dateOfBirth.to === null ? person.dateOfBirth.from : undefined;
  const home = person.addresses.find((address) => address.kind === 'HOME');
  return {
    full_name: fullName,
    alternate_names: alternates.length > 0 ? alternates.join('\n') : undefined,
    description: person.physicalDescription ?? undefined,
    sex: SEX_TO_PFIF[person.sex],
    date_of_birth: dateOfBirth,
    home_street: home?.text,
  };
}

/** PFIF field names for the request fields a PFIF value ends up in (for error messages). */
const PFIF_FIELD_OF: Record<string, string> = {
  fullNameNative: 'full_name',
  fullNameLatin: 'full_name',
  aliases: 'alternate_names',
  physicalDescription: 'description',
  sex: 'sex',
  dateOfBirth: 'date_of_birth',
  addresses: 'home_street',
};

export type PfifPersonImport = { ok: true; personRecordId: string; request: MissingPersonRequest } | { ok: false; errors: FieldMessages };

/**
 * A person record read from a file, checked against PFIF and then against the missing person's own
 * rules, as the request that records it. The name goes to the slot of its script; the first
 * alternate name in the other script fills the other slot, the rest become aliases. The home
 * address fields become one home address. Other PFIF fields are accepted and not kept.
 */
export function fromPfifPerson(fields: Record<string, string>): PfifPersonImport {
  const parsed = PfifPersonSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, errors: issuesByField(parsed.error.issues, (path) => String(path[0] ?? 'record')) };
  const person = parsed.data;

  const names = { native: null as string | null, latin: null as string | null };
  const aliases: string[] = [];
  const place = (name: string, primary: boolean) => {
    const slot = ARABIC_SCRIPT.test(name) ? 'native' : 'latin';
    if (names[slot] === null && (primary || (slot === 'native' ? names.latin : names.native) !== null)) names[slot] = name;
    else aliases.push(name);
  };
  place(person.full_name.trim(), true);
  for (const name of (person.alternate_names ?? '').split('\n').map((line) => line.trim())) {
    if (name !== '') place(name, false);
  }
  const home = [person.home_street, person.home_neighborhood, person.home_city, person.home_state, person.home_postal_code, person.home_country]
    .map((part) => part?.trim())
    .filter((part): part is string => !!part)
    .join(', ');

  const request = MissingPersonRequestSchema.safeParse({
    fullNameNative: names.native,
    fullNameLatin: names.latin,
    aliases,
    sex: person.sex ? SEX_FROM_PFIF[person.sex] : 'UNKNOWN',
    dateOfBirth: person.date_of_birth ? { from: person.date_of_birth, to: null } : null,
    addresses: home === '' ? [] : [{ kind: 'HOME', text: home }],
    physicalDescription: person.description ?? null,
  });
  if (!request.success) {
    return { ok: false, errors: issuesByField(request.error.issues, (path) => PFIF_FIELD_OF[String(path[0])] ?? 'record') };
  }
  return { ok: true, personRecordId: person.person_record_id, request: request.data };
}

function issuesByField(issues: { path: PropertyKey[]; message: string }[], field: (path: PropertyKey[]) => string): FieldMessages {
  const errors: FieldMessages = {};
  for (const issue of issues) {
    // A strict object names unknown keys in the issue, not its path.
    const keys = (issue as { keys?: string[] }).keys;
    for (const name of keys && keys.length > 0 ? keys : [field(issue.path)]) {
      const messages = (errors[name] ??= []);
      if (!messages.includes(issue.message)) messages.push(issue.message);
    }
  }
  return errors;
}
