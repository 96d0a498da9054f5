import type { CaseResponse, CaseStatusChange, CaseSummary } from '@lapata/contracts';
import type { CaseAccessGrant } from '../../access/access.service';
import type { CaseRow, StatusChangeRow } from './case.repository';

export function toStatusChange(row: StatusChangeRow, note: string | null): CaseStatusChange {
  return {
    id: row.id,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    effectiveOn: row.effectiveOn.toISOString().slice(0, 10),
    note,
    changedById: row.changedById,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toCaseSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    tags: row.tags,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toCaseResponse(row: CaseRow, access: CaseAccessGrant, statusHistory: CaseStatusChange[]): CaseResponse {
  return {
    ...toCaseSummary(row),
    organizationId: row.organizationId,
    version: row.version,
    assignedCaseworkerId: row.assignedCaseworkerId,
    statusHistory,
    access: { level: access.level, breakGlass: access.breakGlass },
  };
}

/** An opaque keyset cursor: the last row's sort key. */
export function encodeCaseCursor(row: CaseRow): string {
  return Buffer.from(`${row.updatedAt.toISOString()}|${row.id}`, 'utf8').toString('base64url');
}

export function decodeCaseCursor(cursor: string): { updatedAt: Date; id: string } | null {
  const [updatedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(updatedAt ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return { updatedAt: date, id };
}
