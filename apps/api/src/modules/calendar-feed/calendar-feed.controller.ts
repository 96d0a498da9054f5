import { Controller, Delete, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  CalendarFeedCreatedSchema,
  CalendarFeedStatusSchema,
  ErrorResponseSchema,
  type CalendarFeedCreated,
  type CalendarFeedStatus,
} from '@lapata/contracts';
import type { Response } from 'express';
import type { Actor } from '../../access/actor';
import { AccountAccess, CurrentActor, Public } from '../../access/route-access';
import { CalendarFeedService } from './calendar-feed.service';

@ApiTags('account')
@AccountAccess()
@Controller('account/calendar-feed')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get()
  @ApiOperation({ summary: 'Whether you have a live calendar feed (its link is shown only when made)' })
  @ApiOkResponse({ standardSchema: CalendarFeedStatusSchema })
  status(@CurrentActor() actor: Actor): Promise<CalendarFeedStatus> {
    return this.feeds.status(actor);
  }

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Make a new private calendar link (the old one stops working); shown once' })
  @ApiCreatedResponse({ standardSchema: CalendarFeedCreatedSchema })
  create(@CurrentActor() actor: Actor): Promise<CalendarFeedCreated> {
    return this.feeds.create(actor);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn the calendar link off' })
  @ApiNoContentResponse()
  revoke(@CurrentActor() actor: Actor): Promise<void> {
    return this.feeds.revoke(actor);
  }
}

/** The feed itself: public, the secret token in the path stands for the user. */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get(':token.ics')
  @Public()
  @ApiOperation({ summary: 'A private calendar (RFC 5545) of your hearings, behind its secret link' })
  @ApiProduces('text/calendar')
  @ApiNotFoundResponse({ standardSchema: ErrorResponseSchema, description: 'Unknown or revoked link' })
  async feed(@Param('token') token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const calendar = await this.feeds.render(token);
    // Set only on success: a 404 stays the usual JSON error.
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    return calendar;
  }
}
