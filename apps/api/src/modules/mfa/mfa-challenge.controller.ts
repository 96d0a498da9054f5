import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  ErrorResponseSchema,
  MfaChallengeRequestSchema,
  MfaChallengeResponseSchema,
  PasskeyChallengeRequestSchema,
  WebAuthnOptionsResponseSchema,
  type MfaChallengeRequest,
  type MfaChallengeResponse,
  type PasskeyChallengeRequest,
  type WebAuthnOptionsResponse,
} from '@lapata/contracts';
import type { Request } from 'express';
import type { Actor } from '../../access/actor';
import { CurrentActor, PendingMfaAccess } from '../../access/route-access';
import { ZodBody } from '../../common/validation/decorators';
import { SetsSessionCookie } from '../auth/session-cookie.interceptor';
import type { SessionStarted } from '../auth/session.service';
import { MfaChallengeService } from './mfa-challenge.service';
import { PasskeyService } from './passkey.service';

@ApiTags('auth')
@Controller('auth/mfa')
export class MfaChallengeController {
  constructor(
    private readonly challenge: MfaChallengeService,
    private readonly passkeys: PasskeyService,
  ) {}

  @Post()
  @HttpCode(200)
  @PendingMfaAccess()
  @ApiOperation({
    summary: 'Second step of signing in: a code from the authenticator app or a recovery code; sets a new session cookie',
  })
  @ApiOkResponse({ standardSchema: MfaChallengeResponseSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED or INVALID_MFA_CODE' })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'The session owes no challenge' })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema, description: 'Too many wrong codes' })
  @SetsSessionCookie()
  answer(
    @CurrentActor() actor: Actor,
    @ZodBody(MfaChallengeRequestSchema) request: MfaChallengeRequest,
    @Req() req: Request,
  ): Promise<SessionStarted<MfaChallengeResponse>> {
    return this.challenge.answer(actor, request, req.ip);
  }

  @Post('passkey/options')
  @HttpCode(200)
  @PendingMfaAccess()
  @ApiOperation({ summary: 'Second step of signing in with a passkey: options for navigator.credentials.get' })
  @ApiOkResponse({ standardSchema: WebAuthnOptionsResponseSchema })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'The session owes no challenge, or has no passkey' })
  passkeyOptions(@CurrentActor() actor: Actor): Promise<WebAuthnOptionsResponse> {
    return this.passkeys.authenticationOptions(actor);
  }

  @Post('passkey')
  @HttpCode(200)
  @PendingMfaAccess()
  @ApiOperation({ summary: 'Second step of signing in with a passkey; sets a new session cookie' })
  @ApiOkResponse({ standardSchema: MfaChallengeResponseSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED or INVALID_PASSKEY' })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'The session owes no challenge' })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema, description: 'Too many refused attempts' })
  @SetsSessionCookie()
  answerWithPasskey(
    @CurrentActor() actor: Actor,
    @ZodBody(PasskeyChallengeRequestSchema) request: PasskeyChallengeRequest,
    @Req() req: Request,
  ): Promise<SessionStarted<MfaChallengeResponse>> {
    return this.passkeys.authenticate(actor, request, req.ip);
  }
}
