import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type Member, type MemberListResponse, type Role } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { ApiError, NotFoundError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { SessionService } from '../auth/session.service';
import { toMember } from './member.mapper';
import { MemberRepository, type MemberRow } from './member.repository';

export class LastAdministratorError extends ApiError {
  constructor() {
    super(
      409,
      ErrorCode.LastOrganizationAdmin,
      'The organisation needs at least one active administrator. Make another member an administrator first.',
    );
  }
}

/**
 * An organisation's administrators manage its members. Changing a role or disabling a membership
 * ends every session of that user at once: the simplest change that leaves no session running
 * with privileges it no longer has (they sign in again and get their new role).
 */
@Injectable()
export class MemberService {
  private readonly logger = new Logger(MemberService.name);

  constructor(
    private readonly access: AccessService,
    private readonly members: MemberRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor): Promise<MemberListResponse> {
    const organizationId = this.access.require(actor, Permission.MemberList);
    const rows = await this.members.findMembers(organizationId);
    await this.record(actor, organizationId, null, 'list');
    return { members: rows.map((row) => toMember(row, this.config.keys)) };
  }

  async changeRole(actor: Actor, userId: string, role: Role): Promise<Member> {
    const organizationId = this.access.require(actor, Permission.MemberManage);
    await this.members.lockOrganization(organizationId);
    const member = await this.getMember(organizationId, userId);
    if (member.role === role) return toMember(member, this.config.keys);
    if (isLiveAdministrator(member)) await this.requireAnotherAdministrator(organizationId);

    await this.members.setRole(organizationId, userId, role);
    await this.record(actor, organizationId, userId, 'update', ['role']);
    const ended = await this.sessions.endAllForUser(userId);
    this.logger.log({ organizationId, userId, role, endedSessions: ended }, 'Member role changed');
    return toMember({ ...member, role }, this.config.keys);
  }

  /**
   * Disables the membership (the account itself stays: it may belong to other organisations or
   * hold grants elsewhere), ends all the user's sessions and revokes their grants on this
   * organisation's cases. Re-enabling does not bring the grants back.
   */
  async disable(actor: Actor, userId: string): Promise<Member> {
    const organizationId = this.access.require(actor, Permission.MemberManage);
    await this.members.lockOrganization(organizationId);
    const member = await this.getMember(organizationId, userId);
    if (isLiveAdministrator(member)) await this.requireAnotherAdministrator(organizationId);

    const now = new Date();
    if (member.disabledAt === null) await this.members.setDisabledAt(organizationId, userId, now);
    const endedSessions = await this.sessions.endAllForUser(userId);
    const revokedGrants = await this.members.revokeLiveGrants(organizationId, userId, actor.userId, now);
    await this.record(actor, organizationId, userId, 'disable', ['disabledAt']);
    this.logger.log({ organizationId, userId, endedSessions, revokedGrants }, 'Member disabled');
    return toMember({ ...member, disabledAt: member.disabledAt ?? now }, this.config.keys);
  }

  async enable(actor: Actor, userId: string): Promise<Member> {
    const organizationId = this.access.require(actor, Permission.MemberManage);
    const member = await this.getMember(organizationId, userId);
    if (member.disabledAt !== null) {
      await this.members.setDisabledAt(organizationId, userId, null);
      await this.record(actor, organizationId, userId, 'enable', ['disabledAt']);
      this.logger.log({ organizationId, userId }, 'Member enabled');
    }
    return toMember({ ...member, disabledAt: null }, this.config.keys);
  }

  /** Memberships are audited by the member's user id (one membership per user and organisation). */
  private record(actor: Actor, organizationId: string, userId: string | null, action: string, fields: string[] = []) {
    return this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId: null,
      entity: 'membership',
      entityId: userId,
      action,
      fields,
    });
  }

  private async getMember(organizationId: string, userId: string): Promise<MemberRow> {
    const member = await this.members.findMember(organizationId, userId);
    if (!member) throw new NotFoundError();
    return member;
  }

  private async requireAnotherAdministrator(organizationId: string): Promise<void> {
    if ((await this.members.countLiveAdministrators(organizationId)) <= 1) throw new LastAdministratorError();
  }
}

function isLiveAdministrator(member: MemberRow): boolean {
  return member.role === 'ORG_ADMIN' && member.disabledAt === null;
}
