import { Public } from '../../access/route-access';
import { Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  ErrorResponseSchema,
  SetupRequestSchema,
  SetupResponseSchema,
  SetupStatusResponseSchema,
  type SetupRequest,
  type SetupResponse,
  type SetupStatusResponse,
} from '@lapata/contracts';
import type { Request } from 'express';
import { ZodBody } from '../../common/validation/decorators';
import { SetupAvailableGuard } from './setup-available.guard';
import { SetupService } from './setup.service';

@ApiTags('setup')
@Public()
@Controller('setup')
export class SetupController {
  constructor(private readonly setup: SetupService) {}

  @Get('status')
  @ApiOperation({ summary: 'Whether the installation still needs its first organisation and administrator' })
  @ApiOkResponse({ standardSchema: SetupStatusResponseSchema })
  async status(): Promise<SetupStatusResponse> {
    return { needed: await this.setup.isSetupNeeded() };
  }

  @Post()
  @HttpCode(201)
  @UseGuards(SetupAvailableGuard)
  @ApiOperation({
    summary: 'Create the first organisation and its administrator with the one-time token printed by the server',
  })
  @ApiCreatedResponse({ standardSchema: SetupResponseSchema })
  @ApiBadRequestResponse({
    standardSchema: ErrorResponseSchema,
    description: 'VALIDATION_FAILED (with `fields`) or INVALID_SETUP_TOKEN',
  })
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema, description: 'Setup is already done' })
  @ApiTooManyRequestsResponse({ standardSchema: ErrorResponseSchema, description: 'Too many wrong tokens' })
  complete(@ZodBody(SetupRequestSchema) request: SetupRequest, @Req() req: Request): Promise<SetupResponse> {
    return this.setup.completeSetup(request, req.ip ?? 'unknown');
  }
}
