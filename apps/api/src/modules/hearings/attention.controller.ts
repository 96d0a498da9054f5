import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CalendarQuerySchema,
  CalendarResponseSchema,
  NeedsAttentionResponseSchema,
  type CalendarQuery,
  type CalendarResponse,
  type NeedsAttentionResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { AccountAccess, CurrentActor } from '../../access/route-access';
import { AttentionService } from './attention.service';

@ApiTags('hearings')
@Controller('me')
export class AttentionController {
  constructor(private readonly attention: AttentionService) {}

  @Get('needs-attention')
  @AccountAccess()
  @ApiOperation({ summary: 'Hearings in the next 14 days, past hearings without an outcome, running proceedings without a next date — over your cases' })
  @ApiOkResponse({ standardSchema: NeedsAttentionResponseSchema })
  needsAttention(@CurrentActor() actor: Actor): Promise<NeedsAttentionResponse> {
    return this.attention.needsAttention(actor);
  }

  @Get('hearings')
  @AccountAccess()
  @ApiOperation({ summary: 'Your hearings between two instants (at most 100 days), for the calendar' })
  @ApiOkResponse({ standardSchema: CalendarResponseSchema })
  calendar(@CurrentActor() actor: Actor, @Query({ schema: CalendarQuerySchema }) query: CalendarQuery): Promise<CalendarResponse> {
    return this.attention.calendar(actor, query);
  }
}
