import type { Forum, ForumKind } from '@lapata/contracts';

/** What a forum answer needs; other modules include it in their queries to map forums the same way. */
export const forumSelect = {
  id: true,
  name: true,
  city: true,
  bench: true,
  timeZone: true,
  kind: { select: { id: true, code: true, nameEn: true, nameUr: true, organizationId: true } },
  organization: { select: { timeZone: true } },
} as const;

export interface ForumKindRow {
  id: string;
  code: string;
  nameEn: string;
  nameUr: string;
  organizationId: string | null;
}

export interface ForumRow {
  id: string;
  name: string;
  city: string | null;
  bench: string | null;
  timeZone: string | null;
  kind: ForumKindRow;
  organization: { timeZone: string };
}

export function toForumKind(row: ForumKindRow): ForumKind {
  return { id: row.id, code: row.code, nameEn: row.nameEn, nameUr: row.nameUr, builtIn: row.organizationId === null };
}

/** The forum's own time zone, or its organisation's when it has none. */
export function forumTimeZone(row: ForumRow): string {
  return row.timeZone ?? row.organization.timeZone;
}

export function toForum(row: ForumRow): Forum {
  return {
    id: row.id,
    kind: toForumKind(row.kind),
    name: row.name,
    city: row.city,
    bench: row.bench,
    timeZone: forumTimeZone(row),
  };
}
