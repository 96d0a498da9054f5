import { Injectable } from '@nestjs/common';
import type { CaseListResponse, CaseResponse, CreateCaseRequest } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { ValidationError } from '../../common/errors/api-error';
import { AuditService } from '../audit/audit.service';
import { CaseKeyService } from '../people/case-key.service';
import { decodeCaseCursor, encodeCaseCursor, toCaseResponse, toCaseSummary } from './case.mapper';
import { CaseRepository } from './case.repository';

const PAGE_SIZE = 50;

@Injectable()
export class CaseService {
  constructor(
    private readonly access: AccessService,
    private readonly cases: CaseRepository,
    private readonly audit: AuditService,
    private readonly caseKeys: CaseKeyService,
  ) {}

  async create(actor: Actor, request: CreateCaseRequest): Promise<CaseResponse> {
    const organizationId = this.access.require(actor, Permission.CaseCreate);
    if (request.assignedCaseworkerId && !(await this.cases.isActiveMember(organizationId, request.assignedCaseworkerId))) {
      throw new ValidationError({ assignedCaseworkerId: ['Choose a member of your organisation'] });
    }
    const year = new Date().getUTCFullYear();
    const number = await this.cases.takeReferenceNumber(organizationId, year);
    const prefix = await this.cases.findReferencePrefix(organizationId);
    const created = await this.cases.create({
      organizationId,
      reference: `${prefix}-${year}-${String(number).padStart(4, '0')}`,
      tags: request.tags,
      assignedCaseworkerId: request.assignedCaseworkerId ?? null,
      createdById: actor.userId,
      // Administrators reach every case anyway; anyone else who opens a case manages it.
      creatorGrant: actor.role !== 'ORG_ADMIN',
    });
    await this.caseKeys.create(organizationId, created.id);
    await this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId: created.id,
      entity: 'case',
      entityId: created.id,
      action: 'create',
      fields: ['tags', 'assignedCaseworkerId', 'status'],
    });
    return toCaseResponse(created, { caseId: created.id, organizationId, level: 'MANAGE', breakGlass: false });
  }

  async list(actor: Actor, cursor: string | undefined): Promise<CaseListResponse> {
    this.access.require(actor, Permission.CaseList);
    const after = cursor ? decodeCaseCursor(cursor) : null;
    if (cursor && !after) throw new ValidationError({ cursor: ['Not a valid page cursor'] });
    const rows = await this.cases.findVisible({
      userId: actor.userId,
      organizationId: actor.organizationId,
      isOrganizationAdmin: actor.role === 'ORG_ADMIN',
      limit: PAGE_SIZE + 1,
      cursor: after,
      now: new Date(),
    });
    const page = rows.slice(0, PAGE_SIZE);
    return {
      items: page.map(toCaseSummary),
      nextCursor: rows.length > PAGE_SIZE ? encodeCaseCursor(page[page.length - 1]!) : null,
    };
  }

  async get(actor: Actor, caseId: string): Promise<CaseResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const row = await this.cases.getById(caseId);
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'case',
      entityId: caseId,
      action: 'read',
      breakGlass: access.breakGlass,
    });
    return toCaseResponse(row, access);
  }
}
