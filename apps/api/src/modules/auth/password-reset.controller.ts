import { Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  ErrorResponseSchema,
  PasswordResetCompleteRequestSchema,
  PasswordResetRequestSchema,
  PasswordResetRequestedResponseSchema,
  type PasswordResetCompleteRequest,
  type PasswordResetRequest,
  type PasswordResetRequestedResponse,
} from '@lapata/contracts';
import { Public } from '../../access/route-access';
import { ZodBody } from '../../common/validation/decorators';
import { CurrentClient, type ClientInfo } from './client-info';
import { PasswordResetService } from './password-reset.service';

@ApiTags('auth')
@Public()
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a password reset link by email; the answer is the same whether or not an account uses the address',
  })
  @ApiAcceptedResponse({ standardSchema: PasswordResetRequestedResponseSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED' })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema, description: 'Too many requests for the address or from the client' })
  requestLink(
    @ZodBody(PasswordResetRequestSchema) request: PasswordResetRequest,
    @CurrentClient() client: ClientInfo,
  ): Promise<PasswordResetRequestedResponse> {
    return this.resets.request(request, client);
  }

  @Post('complete')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the emailed token; ends every session of the account and signs no one in',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({
    standardSchema: ErrorResponseSchema,
    description: 'VALIDATION_FAILED (e.g. a common password), or INVALID_RESET_TOKEN for a used, expired or unknown link',
  })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema, description: 'Too many attempts from the client' })
  complete(
    @ZodBody(PasswordResetCompleteRequestSchema) request: PasswordResetCompleteRequest,
    @CurrentClient() client: ClientInfo,
  ): Promise<void> {
    return this.resets.complete(request, client);
  }
}
