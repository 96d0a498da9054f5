import { Controller, Delete, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  ErrorResponseSchema,
  MfaStatusResponseSchema,
  RecoveryCodesRegenerateRequestSchema,
  RecoveryCodesResponseSchema,
  TotpConfirmRequestSchema,
  TotpDisableRequestSchema,
  TotpSetupRequestSchema,
  TotpSetupResponseSchema,
  type MfaStatusResponse,
  type RecoveryCodesRegenerateRequest,
  type RecoveryCodesResponse,
  type TotpConfirmRequest,
  type TotpDisableRequest,
  type TotpSetupRequest,
  type TotpSetupResponse,
} from '@lapata/contracts';
import type { Request } from 'express';
import type { Actor } from '../../access/actor';
import { AccountAccess, CurrentActor, PendingMfaAccess } from '../../access/route-access';
import { ZodBody } from '../../common/validation/decorators';
import { SetsSessionCookie } from '../auth/session-cookie.interceptor';
import type { SessionStarted } from '../auth/session.service';
import { MfaEnrolmentService } from './mfa-enrolment.service';

@ApiTags('mfa')
@Controller('account/mfa')
export class MfaEnrolmentController {
  constructor(private readonly enrolment: MfaEnrolmentService) {}

  @Get()
  @AccountAccess()
  @ApiOperation({ summary: 'Whether two-step sign-in is on, how many recovery codes are left, and whether it is required' })
  @ApiOkResponse({ standardSchema: MfaStatusResponseSchema })
  status(@CurrentActor() actor: Actor): Promise<MfaStatusResponse> {
    return this.enrolment.status(actor);
  }

  @Post('totp/setup')
  @HttpCode(200)
  // Open before the second factor so that members of an organisation requiring it can enrol;
  // the service refuses sessions that still owe the challenge.
  @PendingMfaAccess()
  @ApiOperation({
    summary: 'Start setting up an authenticator app (current password needed): a new secret, pending until confirmed',
  })
  @ApiOkResponse({ standardSchema: TotpSetupResponseSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED or INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema, description: 'Too many wrong passwords' })
  setup(@CurrentActor() actor: Actor, @ZodBody(TotpSetupRequestSchema) request: TotpSetupRequest): Promise<TotpSetupResponse> {
    return this.enrolment.setupTotp(actor, request);
  }

  @Post('totp/confirm')
  @HttpCode(200)
  @PendingMfaAccess()
  @ApiOperation({
    summary:
      'Turn the pending authenticator app on with one of its codes: returns ten recovery codes, once, and a new session cookie',
  })
  @ApiOkResponse({ standardSchema: RecoveryCodesResponseSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED or INVALID_MFA_CODE' })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'No set-up is pending' })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema, description: 'Too many wrong codes' })
  @SetsSessionCookie()
  confirm(
    @CurrentActor() actor: Actor,
    @ZodBody(TotpConfirmRequestSchema) request: TotpConfirmRequest,
    @Req() req: Request,
  ): Promise<SessionStarted<RecoveryCodesResponse>> {
    return this.enrolment.confirmTotp(actor, request, req.ip);
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @AccountAccess()
  @ApiOperation({ summary: 'Replace the recovery codes (current password needed): the old ones stop working' })
  @ApiOkResponse({ standardSchema: RecoveryCodesResponseSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED or INVALID_CREDENTIALS' })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'Two-step sign-in is off' })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema, description: 'Too many wrong passwords' })
  async regenerateRecoveryCodes(
    @CurrentActor() actor: Actor,
    @ZodBody(RecoveryCodesRegenerateRequestSchema) request: RecoveryCodesRegenerateRequest,
  ): Promise<RecoveryCodesResponse> {
    return { recoveryCodes: await this.enrolment.regenerateRecoveryCodes(actor, request) };
  }

  @Delete('totp')
  @HttpCode(204)
  @AccountAccess()
  @ApiOperation({ summary: 'Turn two-step sign-in off (current password and a code needed)' })
  @ApiNoContentResponse({ description: 'Turned off; the recovery codes are gone' })
  @ApiBadRequestResponse({
    standardSchema: ErrorResponseSchema,
    description: 'VALIDATION_FAILED, INVALID_CREDENTIALS or INVALID_MFA_CODE',
  })
  @ApiConflictResponse({
    standardSchema: ErrorResponseSchema,
    description: 'MFA_REQUIRED_BY_ORGANIZATION, or two-step sign-in is already off',
  })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema, description: 'Too many wrong passwords or codes' })
  async disable(
    @CurrentActor() actor: Actor,
    @ZodBody(TotpDisableRequestSchema) request: TotpDisableRequest,
    @Req() req: Request,
  ): Promise<void> {
    await this.enrolment.disableTotp(actor, request, req.ip);
  }
}
