import { Injectable } from '@nestjs/common';
import type { CaseDeletionRequest, CaseDeletionResponse, DeletedCaseListResponse } from '@lapata/contracts';
import { decryptString, encryptString, type FieldContext } from '@lapata/crypto';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { ApiError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { CaseKeyService } from '../people/case-key.service';
import { decryptUserField } from '../users/user-fields';
import { ErasureRepository } from './erasure.repository';

const DAY_MS = 86_400_000;

/** The deletion reason is the case's data: encrypted with its key, so the purge shreds it too. */
const reasonContext = (organizationId: string, caseId: string): FieldContext => ({
  organizationId,
  table: 'cases',
  column: 'deletion_reason_enc',
  rowId: caseId,
});

/**
 * Erasure, in two steps: an administrator deletes a case with a reason (it leaves every list and
 * page except the administrators' deleted cases), and can restore it during the restore window;
 * after the window `npm run cases:purge` removes and crypto-shreds it (case-purge.ts).
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly access: AccessService,
    private readonly erasure: ErasureRepository,
    private readonly caseKeys: CaseKeyService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async delete(actor: Actor, caseId: string, request: CaseDeletionRequest): Promise<CaseDeletionResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseDelete, caseId);
    const organizationId = access.organizationId;
    const deletedAt = new Date();
    const purgeAfter = new Date(deletedAt.getTime() + this.config.erasureRestoreDays * DAY_MS);
    const key = await this.caseKeys.currentKey(organizationId, caseId);
    const reasonEnc = new Uint8Array(encryptString(request.reason, key, reasonContext(organizationId, caseId)));
    if (!(await this.erasure.softDelete({ caseId, deletedById: actor.userId, reasonEnc, deletedAt, purgeAfter }))) {
      throw new ApiError(409, 'CONFLICT', 'This case is already deleted.');
    }
    await this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'case',
      entityId: caseId,
      action: 'delete',
      fields: ['reason'],
    });
    return { caseId, deletedAt: deletedAt.toISOString(), purgeAfter: purgeAfter.toISOString() };
  }

  async restore(actor: Actor, caseId: string): Promise<void> {
    const access = await this.access.requireCase(actor, Permission.CaseRestore, caseId);
    if (!(await this.erasure.restore(caseId))) throw new ApiError(409, 'CONFLICT', 'This case is not deleted.');
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'case',
      entityId: caseId,
      action: 'restore',
    });
  }

  /** The administrators' "deleted cases" view: what can still be restored, and until when. */
  async listDeleted(actor: Actor): Promise<DeletedCaseListResponse> {
    const organizationId = this.access.require(actor, Permission.OrganizationUpdate);
    const rows = await this.erasure.findDeleted(organizationId);
    const items = [];
    for (const row of rows) {
      const reason = row.deletionReasonEnc
        ? decryptString(row.deletionReasonEnc, await this.caseKeys.allKeys(row.id), reasonContext(organizationId, row.id))
        : null;
      items.push({
        id: row.id,
        reference: row.reference,
        deletedAt: row.deletedAt.toISOString(),
        purgeAfter: row.purgeAfter.toISOString(),
        deletedByName: row.deletedBy ? decryptUserField(this.config.keys, row.deletedBy.id, 'display_name_enc', row.deletedBy.displayNameEnc) : null,
        reason,
      });
      await this.audit.record({
        organizationId,
        actorId: actor.userId,
        caseId: row.id,
        entity: 'case',
        entityId: row.id,
        action: 'read',
        fields: ['deletionReason'],
      });
    }
    return { items };
  }
}
