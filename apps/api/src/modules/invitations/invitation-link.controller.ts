import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  ErrorResponseSchema,
  InvitationAcceptRequestSchema,
  InvitationAcceptResponseSchema,
  InvitationPreviewRequestSchema,
  InvitationPreviewSchema,
  type InvitationAcceptRequest,
  type InvitationAcceptResponse,
  type InvitationPreview,
  type InvitationPreviewRequest,
} from '@lapata/contracts';
import type { Request } from 'express';
import { Public } from '../../access/route-access';
import { ZodBody } from '../../common/validation/decorators';
import { AppConfig } from '../../config/app-config';
import { CurrentClient, type ClientInfo } from '../auth/client-info';
import { readSessionCookie } from '../auth/session-cookie';
import { SetsSessionCookie } from '../auth/session-cookie.interceptor';
import type { SessionStarted } from '../auth/session.service';
import { InvitationAcceptanceService } from './invitation-acceptance.service';

/**
 * What the link in an invitation mail does; no session needed (the token is the proof). The token
 * comes in the body, not the path, so request logs never hold it.
 */
@ApiTags('invitations')
@Public()
@Controller('invitations')
export class InvitationLinkController {
  constructor(
    private readonly acceptance: InvitationAcceptanceService,
    private readonly config: AppConfig,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'What an invitation link offers: organisation and role (never whether an account exists)' })
  @ApiOkResponse({ standardSchema: InvitationPreviewSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'INVITATION_INVALID' })
  preview(@ZodBody(InvitationPreviewRequestSchema) request: InvitationPreviewRequest): Promise<InvitationPreview> {
    return this.acceptance.preview(request.token);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept with the invited address: sign in (password) or create the account (with a display name)',
  })
  @ApiOkResponse({ standardSchema: InvitationAcceptResponseSchema, description: 'Sets the session cookie' })
  @ApiBadRequestResponse({
    standardSchema: ErrorResponseSchema,
    description: 'VALIDATION_FAILED, INVITATION_INVALID, INVITATION_EMAIL_MISMATCH or INVALID_CREDENTIALS',
  })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema })
  @SetsSessionCookie()
  accept(
    @ZodBody(InvitationAcceptRequestSchema) request: InvitationAcceptRequest,
    @CurrentClient() client: ClientInfo,
    @Req() req: Request,
  ): Promise<SessionStarted<InvitationAcceptResponse>> {
    return this.acceptance.accept(request, client, readSessionCookie(req, this.config));
  }
}
