import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { ReminderSettingsController } from './reminder-settings.controller';
import { ReminderSettingsRepository } from './reminder-settings.repository';
import { ReminderSettingsService } from './reminder-settings.service';
import { ReminderRepository } from './reminder.repository';
import { ReminderService } from './reminder.service';
import { ReminderWorker } from './reminder.worker';

/** Hearing reminders by email: the settings routes, the queue and the worker that sends them. */
@Module({
  imports: [MailModule],
  controllers: [ReminderSettingsController],
  providers: [ReminderSettingsRepository, ReminderSettingsService, ReminderRepository, ReminderService, ReminderWorker],
  exports: [ReminderWorker, ReminderService],
})
export class RemindersModule {}
