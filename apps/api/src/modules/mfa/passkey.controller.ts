import { Controller, Delete, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  ErrorResponseSchema,
  PasskeyDeleteRequestSchema,
  PasskeyRegistrationOptionsRequestSchema,
  PasskeyRegistrationRequestSchema,
  PasskeySchema,
  WebAuthnOptionsResponseSchema,
  type Passkey,
  type PasskeyDeleteRequest,
  type PasskeyRegistrationOptionsRequest,
  type PasskeyRegistrationRequest,
  type WebAuthnOptionsResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { AccountAccess, CurrentActor } from '../../access/route-access';
import { UuidParam, ZodBody } from '../../common/validation/decorators';
import { PasskeyService } from './passkey.service';

@ApiTags('mfa')
@AccountAccess()
@Controller('account/mfa/passkeys')
export class PasskeyController {
  constructor(private readonly passkeys: PasskeyService) {}

  @Post('options')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start adding a passkey (current password needed): options for navigator.credentials.create' })
  @ApiOkResponse({ standardSchema: WebAuthnOptionsResponseSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED (a wrong password included)' })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'The authenticator app is not on' })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema, description: 'Too many wrong passwords' })
  options(
    @CurrentActor() actor: Actor,
    @ZodBody(PasskeyRegistrationOptionsRequestSchema) request: PasskeyRegistrationOptionsRequest,
  ): Promise<WebAuthnOptionsResponse> {
    return this.passkeys.registrationOptions(actor, request);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "Add the passkey the browser created for this session's challenge" })
  @ApiCreatedResponse({ standardSchema: PasskeySchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED or INVALID_PASSKEY' })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'The authenticator app is not on' })
  register(
    @CurrentActor() actor: Actor,
    @ZodBody(PasskeyRegistrationRequestSchema) request: PasskeyRegistrationRequest,
  ): Promise<Passkey> {
    return this.passkeys.register(actor, request);
  }

  @Delete(':passkeyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove one of your passkeys (current password needed)' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED (a wrong password included)' })
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema, description: 'No such passkey of yours' })
  async remove(
    @CurrentActor() actor: Actor,
    @UuidParam('passkeyId') passkeyId: string,
    @ZodBody(PasskeyDeleteRequestSchema) request: PasskeyDeleteRequest,
  ): Promise<void> {
    await this.passkeys.remove(actor, passkeyId, request);
  }
}
