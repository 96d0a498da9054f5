import { Injectable } from '@nestjs/common';
import type { AuditEntry, AuditPage, CaseAuditQuery, OrganizationAuditQuery } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { ValidationError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { decryptUserField } from '../users/user-fields';
import { AuditLogRepository, type AuditLogFilter, type AuditLogRow } from './audit-log.repository';

const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

/** An opaque keyset cursor: the last event's sequence number in its organisation's chain. */
export function encodeAuditCursor(seq: bigint): string {
  return Buffer.from(`a1|${seq}`, 'utf8').toString('base64url');
}

export function decodeAuditCursor(cursor: string): bigint | null {
  const match = /^a1\|([1-9][0-9]{0,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? BigInt(match[1]!) : null;
}

/**
 * Who looked at or changed what, and when: a case's trail for everyone who may read the case (the
 * family included), the whole organisation's for its administrators. Entries name fields, never
 * values. Reading the trail is not itself recorded: it shows no personal data of the missing
 * person, only who worked on the case, which the reader may already see on the case; recording it
 * would also let every family visit flood the trail it is meant to make readable.
 */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly access: AccessService,
    private readonly auditLog: AuditLogRepository,
    private readonly config: AppConfig,
  ) {}

  async forCase(actor: Actor, caseId: string, query: CaseAuditQuery): Promise<AuditPage> {
    const access = await this.access.requireCase(actor, Permission.CaseAuditRead, caseId);
    return this.page({ organizationId: access.organizationId, caseId, ...this.cursor(query.cursor), limit: PAGE_SIZE + 1 });
  }

  async forOrganization(actor: Actor, query: OrganizationAuditQuery): Promise<AuditPage> {
    const organizationId = this.access.require(actor, Permission.OrganizationAuditRead);
    return this.page({
      organizationId,
      caseId: query.caseId,
      actorId: query.actorId,
      action: query.action,
      entity: query.entity,
      from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
      before: query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
      ...this.cursor(query.cursor),
      limit: PAGE_SIZE + 1,
    });
  }

  private cursor(cursor: string | undefined): { beforeSeq?: bigint } {
    if (cursor === undefined) return {};
    const seq = decodeAuditCursor(cursor);
    if (seq === null) throw new ValidationError({ cursor: ['Not a valid page cursor'] });
    return { beforeSeq: seq };
  }

  private async page(filter: AuditLogFilter): Promise<AuditPage> {
    const rows = await this.auditLog.find(filter);
    const page = rows.slice(0, PAGE_SIZE);
    const actors = await this.auditLog.findActors(filter.organizationId, [
      ...new Set(page.map((row) => row.actorId).filter((id): id is string => id !== null)),
    ]);
    const byId = new Map(
      actors.map((actor) => [
        actor.id,
        { name: decryptUserField(this.config.keys, actor.id, 'display_name_enc', actor.displayNameEnc), role: actor.role },
      ]),
    );
    return {
      items: page.map((row) => toAuditEntry(row, row.actorId ? byId.get(row.actorId) : undefined)),
      nextCursor: rows.length > PAGE_SIZE ? encodeAuditCursor(page[page.length - 1]!.seq) : null,
    };
  }
}

function toAuditEntry(row: AuditLogRow, actor: { name: string; role: AuditEntry['actorRole'] } | undefined): AuditEntry {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorName: actor?.name ?? null,
    actorRole: actor?.role ?? null,
    caseId: row.caseId,
    entity: row.entity,
    action: row.action,
    fields: row.fields,
    breakGlass: row.breakGlass,
  };
}
