import { Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  INVITATION_LIFETIME_DAYS,
  type Invitation,
  type InvitationCreateRequest,
  type InvitationListResponse,
} from '@lapata/contracts';
import { uuidv7 } from '@lapata/db';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { ApiError, NotFoundError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { MailService } from '../mail/mail.service';
import { newSecretToken } from '../auth/session-token';
import { decryptUserField } from '../users/user-fields';
import { accountEmailIndex, decryptInvitationEmail, encryptInvitationEmail } from './invitation-fields';
import { invitationMail } from './invitation-mail';
import { InvitationRepository, type PendingInvitationRow } from './invitation.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

export class AlreadyMemberError extends ApiError {
  constructor() {
    const message = 'This person is already a member of the organisation.';
    super(409, ErrorCode.AlreadyMember, message, { email: [message] });
  }
}

/** An organisation's administrators invite people by email, list pending invitations and revoke them. */
@Injectable()
export class InvitationService {
  private readonly logger = new Logger(InvitationService.name);

  constructor(
    private readonly access: AccessService,
    private readonly invitations: InvitationRepository,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Creates the invitation and mails its link. A newer invitation to the same address replaces
   * any pending one. The mail is sent inside the transaction: if it cannot be sent, no invitation
   * is left behind whose link nobody received.
   */
  async create(actor: Actor, request: InvitationCreateRequest): Promise<Invitation> {
    const organizationId = this.access.require(actor, Permission.InvitationManage);
    const locale = request.locale ?? 'en';
    const now = new Date();
    const emailBidx = accountEmailIndex(this.config.keys, request.email);
    if (await this.invitations.hasLiveMember(organizationId, emailBidx)) throw new AlreadyMemberError();
    await this.invitations.revokePendingForEmail(organizationId, emailBidx, now);

    const id = uuidv7();
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_DAYS * DAY_MS);
    const row = await this.invitations.create({
      id,
      organizationId,
      ...encryptInvitationEmail(this.config.keys, organizationId, id, request.email),
      role: request.role,
      tokenHash: hash,
      invitedById: actor.userId,
      expiresAt,
    });
    await this.record(actor, organizationId, id, 'create', ['email', 'role']);
    const organization = await this.invitations.getOrganization(organizationId);
    await this.mail.send({
      to: request.email,
      ...invitationMail({
        locale,
        organizationName: organization.name,
        role: request.role,
        link: `${this.config.publicUrl}/${locale}/invitations/${token}`,
      }),
    });
    this.logger.log({ organizationId, invitationId: id, role: request.role }, 'Invitation sent');
    const [invitation] = await this.toInvitations(organizationId, [row]);
    return invitation!;
  }

  async listPending(actor: Actor): Promise<InvitationListResponse> {
    const organizationId = this.access.require(actor, Permission.InvitationManage);
    const rows = await this.invitations.findPending(organizationId, new Date());
    await this.record(actor, organizationId, null, 'list');
    return { invitations: await this.toInvitations(organizationId, rows) };
  }

  /** Revokes a pending invitation at once: its link stops working. Anything else is not found. */
  async revoke(actor: Actor, invitationId: string): Promise<void> {
    const organizationId = this.access.require(actor, Permission.InvitationManage);
    if (!(await this.invitations.revokePending(organizationId, invitationId, new Date()))) throw new NotFoundError();
    await this.record(actor, organizationId, invitationId, 'revoke', ['revokedAt']);
    this.logger.log({ organizationId, invitationId }, 'Invitation revoked');
  }

  private record(actor: Actor, organizationId: string, invitationId: string | null, action: string, fields: string[] = []) {
    return this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId: null,
      entity: 'invitation',
      entityId: invitationId,
      action,
      fields,
    });
  }

  private async toInvitations(organizationId: string, rows: PendingInvitationRow[]): Promise<Invitation[]> {
    const keys = this.config.keys;
    const inviterIds = [...new Set(rows.map((row) => row.invitedById))];
    const inviters = new Map(
      (await this.invitations.findMemberNames(organizationId, inviterIds)).map((user) => [
        user.id,
        decryptUserField(keys, user.id, 'display_name_enc', user.displayNameEnc),
      ]),
    );
    return rows.map((row) => {
      const inviterName = inviters.get(row.invitedById);
      return {
        id: row.id,
        email: decryptInvitationEmail(keys, row.organizationId, row.id, row.emailEnc),
        role: row.role,
        expiresAt: row.expiresAt.toISOString(),
        createdAt: row.createdAt.toISOString(),
        invitedBy: inviterName === undefined ? null : { userId: row.invitedById, displayName: inviterName },
      };
    });
  }
}
