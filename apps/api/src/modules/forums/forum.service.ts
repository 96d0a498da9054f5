import { Injectable } from '@nestjs/common';
import type {
  CreateForumKindRequest,
  CreateForumRequest,
  Forum,
  ForumKind,
  ForumKindListResponse,
  ForumListResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { ValidationError } from '../../common/errors/api-error';
import { AuditService } from '../audit/audit.service';
import { toForum, toForumKind } from './forum.mapper';
import { ForumRepository } from './forum.repository';

/**
 * Forums and their kinds are organisation reference data (court names are public facts, stored
 * in clear). Everyone in the organisation reads them; those who open cases (administrators and
 * caseworkers, `CaseCreate`) add forums, since they record proceedings; only administrators
 * (`OrganizationUpdate`) extend the list of kinds.
 */
@Injectable()
export class ForumService {
  constructor(
    private readonly access: AccessService,
    private readonly forums: ForumRepository,
    private readonly audit: AuditService,
  ) {}

  async findKinds(actor: Actor): Promise<ForumKindListResponse> {
    const organizationId = this.access.require(actor, Permission.OrganizationRead);
    return { items: (await this.forums.findKinds(organizationId)).map(toForumKind) };
  }

  async createKind(actor: Actor, request: CreateForumKindRequest): Promise<ForumKind> {
    const organizationId = this.access.require(actor, Permission.OrganizationUpdate);
    if (await this.forums.findKindByCode(organizationId, request.code)) {
      throw new ValidationError({ code: ['This code is already in the list'] });
    }
    const row = await this.forums.createKind(organizationId, request);
    await this.audit.record({ organizationId, actorId: actor.userId, caseId: null, entity: 'forum_kind', entityId: row.id, action: 'create', fields: ['code', 'nameEn', 'nameUr'] });
    return toForumKind(row);
  }

  async findForums(actor: Actor): Promise<ForumListResponse> {
    const organizationId = this.access.require(actor, Permission.OrganizationRead);
    return { items: (await this.forums.findForums(organizationId)).map(toForum) };
  }

  async createForum(actor: Actor, request: CreateForumRequest): Promise<Forum> {
    const organizationId = this.access.require(actor, Permission.CaseCreate);
    if (!(await this.forums.findKind(organizationId, request.kindId))) {
      throw new ValidationError({ kindId: ['Unknown kind of forum'] });
    }
    const row = await this.forums.createForum(organizationId, request);
    await this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId: null,
      entity: 'forum',
      entityId: row.id,
      action: 'create',
      fields: ['kindId', 'name', 'city', 'bench', 'timeZone'],
    });
    return toForum(row);
  }
}
