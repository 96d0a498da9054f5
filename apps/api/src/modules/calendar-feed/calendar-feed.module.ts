import { Module } from '@nestjs/common';
import { CalendarController, CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedService } from './calendar-feed.service';

/** The private calendar (ICS) feed of a user's hearings, and the account routes that manage it. */
@Module({
  controllers: [CalendarFeedController, CalendarController],
  providers: [CalendarFeedRepository, CalendarFeedService],
})
export class CalendarFeedModule {}
