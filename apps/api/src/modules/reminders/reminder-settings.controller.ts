import { Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ErrorResponseSchema,
  ReminderSettingsSchema,
  UpdateReminderSettingsRequestSchema,
  type ReminderSettings,
  type UpdateReminderSettingsRequest,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { AccountAccess, CurrentActor } from '../../access/route-access';
import { ZodBody } from '../../common/validation/decorators';
import { ReminderSettingsService } from './reminder-settings.service';

@ApiTags('account')
@AccountAccess()
@Controller('account/reminder-settings')
export class ReminderSettingsController {
  constructor(private readonly settings: ReminderSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'When hearing reminders come to you by email' })
  @ApiOkResponse({ standardSchema: ReminderSettingsSchema })
  get(@CurrentActor() actor: Actor): Promise<ReminderSettings> {
    return this.settings.get(actor);
  }

  @Put()
  @ApiOperation({ summary: 'Choose the reminder times (minutes before a hearing) and the family opt-in' })
  @ApiOkResponse({ standardSchema: ReminderSettingsSchema })
  @ApiBadRequestResponse({ standardSchema: ErrorResponseSchema, description: 'VALIDATION_FAILED with field messages' })
  @ApiConflictResponse({ standardSchema: ErrorResponseSchema, description: 'STALE_VERSION: the account changed meanwhile' })
  update(
    @CurrentActor() actor: Actor,
    @ZodBody(UpdateReminderSettingsRequestSchema) request: UpdateReminderSettingsRequest,
  ): Promise<ReminderSettings> {
    return this.settings.update(actor, request);
  }
}
