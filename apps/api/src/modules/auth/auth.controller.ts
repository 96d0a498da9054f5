import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  ErrorResponseSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  SessionResponseSchema,
  type LoginRequest,
  type LoginResponse,
  type SessionResponse,
} from '@lapata/contracts';
import type { Request, Response } from 'express';
import type { Actor } from '../../access/actor';
import { CurrentActor, PendingMfaAccess, Public } from '../../access/route-access';
import { ZodBody } from '../../common/validation/decorators';
import { AppConfig } from '../../config/app-config';
import { CurrentClient, type ClientInfo } from './client-info';
import { LoginService } from './login.service';
import { clearSessionCookie, readSessionCookie } from './session-cookie';
import { SetsSessionCookie } from './session-cookie.interceptor';
import { SessionService, type SessionStarted } from './session.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password: starts a new session (cookie) and says whether the second factor is due',
  })
  @ApiOkResponse({ standardSchema: LoginResponseSchema })
  @ApiBadRequestResponse({
    standardSchema: ErrorResponseSchema,
    description: 'VALIDATION_FAILED, or INVALID_CREDENTIALS with the same message for an unknown email, a wrong password or a disabled account',
  })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema, description: 'Too many failed attempts for the account or the address' })
  @SetsSessionCookie()
  signIn(
    @ZodBody(LoginRequestSchema) request: LoginRequest,
    @CurrentClient() client: ClientInfo,
    @Req() req: Request,
  ): Promise<SessionStarted<LoginResponse>> {
    return this.login.login(request, client, readSessionCookie(req, this.config));
  }

  @Post('logout')
  @PendingMfaAccess()
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session on the server and clear its cookie' })
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ standardSchema: ErrorResponseSchema, description: 'No live session' })
  async signOut(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.end(actor.sessionId);
    clearSessionCookie(res, this.config);
  }

  @Get('session')
  @PendingMfaAccess()
  @ApiOperation({ summary: 'Who is signed in: the account, its organisations, the active one, and the second-factor state' })
  @ApiOkResponse({ standardSchema: SessionResponseSchema })
  @ApiUnauthorizedResponse({ standardSchema: ErrorResponseSchema, description: 'No live session' })
  describe(@CurrentActor() actor: Actor): Promise<SessionResponse> {
    return this.login.describe(actor);
  }
}
