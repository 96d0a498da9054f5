import { Controller, Delete, Get, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  AccountSessionListResponseSchema,
  EndedSessionsResponseSchema,
  ErrorResponseSchema,
  PasswordChangeRequestSchema,
  type AccountSessionListResponse,
  type EndedSessionsResponse,
  type PasswordChangeRequest,
} from '@lapata/contracts';
import type { Response } from 'express';
import type { Actor } from '../../access/actor';
import { AccountAccess, CurrentActor } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { AppConfig } from '../../config/app-config';
import { AccountService } from './account.service';
import { clearSessionCookie } from './session-cookie';

@ApiTags('account')
@AccountAccess()
@Controller('account')
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly config: AppConfig,
  ) {}

  @Get('sessions')
  @ApiOperation({ summary: "The signed-in user's live sessions, the current one marked" })
  @ApiOkResponse({ standardSchema: AccountSessionListResponseSchema })
  listSessions(@CurrentActor() actor: Actor): Promise<AccountSessionListResponse> {
    return this.account.listSessions(actor);
  }

  @Post('sessions/end-others')
  @HttpCode(200)
  @ApiOperation({ summary: 'End every session of the user except this one' })
  @ApiOkResponse({ standardSchema: EndedSessionsResponseSchema })
  endOtherSessions(@CurrentActor() actor: Actor): Promise<EndedSessionsResponse> {
    return this.account.endOtherSessions(actor);
  }

  @Delete('sessions/:sessionId')
  @HttpCode(204)
  @ApiOperation({ summary: "End one of the user's sessions (ending this one signs out)" })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema, description: 'No such live session of this user' })
  async endSession(
    @CurrentActor() actor: Actor,
    @UuidParam('sessionId') sessionId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const { endedCurrent } = await this.account.endSession(actor, sessionId);
    if (endedCurrent) clearSessionCookie(res, this.config);
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the password: needs the current one; ends every other session' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({
    standardSchema: ErrorResponseSchema,
    description: 'VALIDATION_FAILED: a wrong current password, or a new one that is too short or too common',
  })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema, description: 'Too many wrong current passwords' })
  changePassword(
    @CurrentActor() actor: Actor,
    @ZodBody(PasswordChangeRequestSchema) request: PasswordChangeRequest,
  ): Promise<void> {
    return this.account.changePassword(actor, request);
  }
}
