import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  PFIF_IMPORT_MAX_RECORDS,
  PFIF_NAMESPACE,
  PFIF_NOTE_FIELDS,
  PFIF_PERSON_FIELDS,
  PfifNoteStatusSchema,
  type PfifNoteField,
  type PfifPersonField,
} from '@lapata/contracts';
import type { FieldMessages } from '../../common/errors/api-error';

/**
 * Reading and writing PFIF 1.4 documents. fast-xml-parser does the XML; this file adds what it
 * leaves out: namespaces (it only keeps prefixes), one root, and a refusal of anything that could
 * make the parser expand or fetch entities (no DOCTYPE at all, only the five XML entities and
 * character references).
 */

export type PfifPersonFields = Partial<Record<PfifPersonField, string>>;
export type PfifNoteFields = Partial<Record<PfifNoteField, string>>;

/** One `<pfif:person>` read from a file: its fields' text, and what is wrong with its shape. */
export interface PfifPersonRead {
  index: number;
  fields: Record<string, string>;
  errors: FieldMessages;
}

export type PfifDocumentRead = { ok: true; persons: PfifPersonRead[] } | { ok: false; message: string };

/** A person to write, fields in any order (the writer follows the schema's sequence), with its notes. */
export interface PfifPersonToWrite {
  fields: PfifPersonFields;
  notes: PfifNoteFields[];
}

const ATTRIBUTE = '@_';
const TEXT = '#text';
const PREFIX = 'pfif';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE,
  textNodeName: TEXT,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Only character references and the five XML entities can be left by the checks below.
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

/** Anything after `&` that is not one of XML's five entities or a character reference. */
const UNKNOWN_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)/;
const CDATA_OR_COMMENT = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;

type XmlElement = Record<string, unknown>;
type Scope = ReadonlyMap<string, string>;

export function readPfifDocument(xml: string): PfifDocumentRead {
  const markup = xml.replace(CDATA_OR_COMMENT, '');
  // A DTD is how entity-expansion ("billion laughs") and external-entity (XXE) attacks start; PFIF needs none.
  if (/<!DOCTYPE|<!ENTITY/i.test(markup)) {
    return { ok: false, message: 'The file must not contain a document type declaration (DOCTYPE).' };
  }
  if (UNKNOWN_ENTITY.test(markup)) {
    return { ok: false, message: 'The file contains an entity reference XML does not define.' };
  }
  const encoding = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(markup)?.[1];
  if (encoding && !/^utf-?8$/i.test(encoding)) return { ok: false, message: 'Save the file as UTF-8.' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return { ok: false, message: `The file is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}).` };
  }

  const document = parser.parse(xml) as XmlElement;
  const roots = Object.entries(document).filter(([name]) => !name.startsWith('?'));
  const [root] = roots;
  const rootElements = root?.[1] as unknown[] | undefined;
  if (roots.length !== 1 || rootElements?.length !== 1) return { ok: false, message: 'The file must have exactly one root element.' };
  const rootElement = asElement(rootElements[0]);
  const rootScope = declare(new Map(), rootElement);
  const rootName = resolve(root![0], rootScope);
  if (rootName?.namespace !== PFIF_NAMESPACE || rootName.local !== 'pfif') {
    return { ok: false, message: `The root element must be pfif in the PFIF 1.4 namespace (${PFIF_NAMESPACE}).` };
  }

  const persons: PfifPersonRead[] = [];
  for (const [name, values] of childElements(rootElement)) {
    const child = resolve(name, rootScope);
    if (child?.namespace === PFIF_NAMESPACE && child.local === 'person') {
      for (const value of values) persons.push(readPerson(persons.length, asElement(value), rootScope));
    } else if (child?.namespace === PFIF_NAMESPACE && child.local === 'note') {
      // Notes outside a person are checked for their shape; Lapata keeps no notes.
      const problems = values.flatMap((value) => Object.entries(readNote(asElement(value), rootScope)));
      if (problems.length > 0) return { ok: false, message: 'A note at the top level is not valid PFIF 1.4.' };
    } else {
      return { ok: false, message: 'The file holds an element that is not a PFIF 1.4 person or note at the top level.' };
    }
    if (persons.length > PFIF_IMPORT_MAX_RECORDS) {
      return { ok: false, message: `The file holds more than ${PFIF_IMPORT_MAX_RECORDS} person records. Split it into smaller files.` };
    }
  }
  if (persons.length === 0) return { ok: false, message: 'The file holds no person record.' };
  return { ok: true, persons };
}

function readPerson(index: number, element: XmlElement, parentScope: Scope): PfifPersonRead {
  const scope = declare(parentScope, element);
  const errors: FieldMessages = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (typeof element[TEXT] === 'string' && element[TEXT] !== '') add('person', 'Text is only allowed inside the fields.');
  const fields = readFields(element, scope, PFIF_PERSON_FIELDS, add, (name, value) => {
    if (name !== 'note') return false;
    for (const [field, messages] of Object.entries(readNote(asElement(value), scope))) {
      for (const message of messages) add(`note.${field}`, message);
    }
    return true;
  });
  return { index, fields, errors };
}

function readNote(element: XmlElement, parentScope: Scope): FieldMessages {
  const scope = declare(parentScope, element);
  const errors: FieldMessages = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const fields = readFields(element, scope, PFIF_NOTE_FIELDS, add, () => false);
  if (fields.status !== undefined && !PfifNoteStatusSchema.safeParse(fields.status).success) {
    add('status', 'Use one of information_sought, is_note_author, believed_alive, believed_missing, believed_dead');
  }
  return errors;
}

/** The text of each known child field, once each; anything else is reported through `add`. */
function readFields(
  element: XmlElement,
  scope: Scope,
  known: readonly string[],
  add: (field: string, message: string) => void,
  nested: (local: string, value: unknown) => boolean,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, values] of childElements(element)) {
    // The element may declare its own prefix.
    const resolved = resolve(name, declare(scope, asElement(values[0])));
    const local = name.slice(name.indexOf(':') + 1);
    if (resolved?.namespace !== PFIF_NAMESPACE) {
      add(local, 'This element is not in the PFIF 1.4 namespace.');
      continue;
    }
    if (values.every((value) => nested(local, value))) continue;
    if (!known.includes(local)) {
      add(local, 'Not a PFIF 1.4 field.');
      continue;
    }
    if (values.length > 1) add(local, 'Give this field once.');
    const text = textOf(values[0]);
    if (text === null) add(local, 'This field must hold text only.');
    else if (text !== '') fields[local] = text;
  }
  return fields;
}

/** A leaf's text; null when it holds elements (attributes, such as namespace declarations, are allowed). */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  const element = asElement(value);
  if (childElements(element).length > 0) return null;
  const text = element[TEXT];
  return typeof text === 'string' ? text : '';
}

function childElements(element: XmlElement): [string, unknown[]][] {
  return Object.entries(element).filter(([name]) => !name.startsWith(ATTRIBUTE) && name !== TEXT) as [string, unknown[]][];
}

function asElement(value: unknown): XmlElement {
  return typeof value === 'object' && value !== null ? (value as XmlElement) : { [TEXT]: String(value ?? '') };
}

/** The namespace scope inside `element`: its parent's plus its own `xmlns` declarations. */
function declare(parent: Scope, element: XmlElement): Scope {
  const scope = new Map(parent);
  for (const [name, value] of Object.entries(element)) {
    if (name === `${ATTRIBUTE}xmlns`) scope.set('', String(value));
    else if (name.startsWith(`${ATTRIBUTE}xmlns:`)) scope.set(name.slice(ATTRIBUTE.length + 'xmlns:'.length), String(value));
  }
  return scope;
}

/** An element name's namespace and local name; null for a prefix that was never declared. */
function resolve(qualifiedName: string, scope: Scope): { namespace: string; local: string } | null {
  const colon = qualifiedName.indexOf(':');
  const prefix = colon === -1 ? '' : qualifiedName.slice(0, colon);
  const local = colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1);
  const namespace = scope.get(prefix);
  if (namespace === undefined) return prefix === '' ? { namespace: '', local } : null;
  return { namespace, local };
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE,
  textNodeName: TEXT,
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
});

/** Characters XML 1.0 cannot carry at all, even escaped. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function ordered(fields: Partial<Record<string, string>>, order: readonly string[]): Record<string, string> {
  const element: Record<string, string> = {};
  for (const name of order) {
    const value = fields[name];
    if (value !== undefined && value !== '') element[`${PREFIX}:${name}`] = value.replace(NOT_XML, '');
  }
  return element;
}

/** A PFIF 1.4 document: each person's fields in schema order, its notes nested after them. */
export function writePfifDocument(persons: PfifPersonToWrite[]): string {
  return builder.build({
    '?xml': { [`${ATTRIBUTE}version`]: '1.0', [`${ATTRIBUTE}encoding`]: 'UTF-8' },
    [`${PREFIX}:pfif`]: {
      [`${ATTRIBUTE}xmlns:${PREFIX}`]: PFIF_NAMESPACE,
      [`${PREFIX}:person`]: persons.map((person) => ({
        ...ordered(person.fields, PFIF_PERSON_FIELDS),
        ...(person.notes.length > 0 ? { [`${PREFIX}:note`]: person.notes.map((note) => ordered(note, PFIF_NOTE_FIELDS)) } : {}),
      })),
    },
  }) as string;
}
