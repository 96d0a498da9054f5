import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { CsrfModule } from './common/csrf/csrf.module';
import { ErrorResponseFilter } from './common/errors/error-response.filter';
import { serializers } from './common/logging/logger';
import { SchemaValidationPipe } from './common/validation/schema-validation.pipe';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AccessModule } from './access/access.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CaseModule } from './modules/cases/case.module';
import { GrantModule } from './modules/grants/grant.module';
import { KeysModule } from './modules/keys/keys.module';
import { NotificationModule } from './modules/notifications/notification.module';
import { HealthModule } from './modules/health/health.module';
import { MfaModule } from './modules/mfa/mfa.module';
import { SetupModule } from './modules/setup/setup.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { InvitationsModule } from './modules/invitations/invitations.module';
import { PeopleModule } from './modules/people/people.module';
import { DisappearancesModule } from './modules/disappearances/disappearances.module';
import { RelativesModule } from './modules/relatives/relatives.module';
import { DiaryModule } from './modules/diary/diary.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { CalendarFeedModule } from './modules/calendar-feed/calendar-feed.module';
import { StorageModule } from './modules/storage/storage.module';
import { PhotosModule } from './modules/photos/photos.module';
import { FilingsModule } from './modules/filings/filings.module';
import { ErasureModule } from './modules/erasure/erasure.module';
import { ForumsModule } from './modules/forums/forums.module';
import { ProceedingsModule } from './modules/proceedings/proceedings.module';
import { HearingsModule } from './modules/hearings/hearings.module';
import { CaseExportModule } from './modules/case-export/case-export.module';
import { CaseSummaryModule } from './modules/case-summary/case-summary.module';

@Module({})
export class AppModule {
  /**
   * `logger` is the root pino logger; its pino-http middleware is mounted first by `createApp`
   * (so that even a body the parser refuses is logged with its request id), which is why the
   * logger module only reuses the request's logger (`useExisting`).
   */
  static register(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        // Logs made outside a request go through a child that nestjs-pino derives from these
        // options; without our serializers it would log errors with pino's, database messages included.
        LoggerModule.forRoot({ pinoHttp: { logger, wrapSerializers: false, serializers }, useExisting: true }),
        DatabaseModule,
        CsrfModule,
        AccessModule,
        AuditModule,
        KeysModule,
        CaseModule,
        GrantModule,
        NotificationModule,
        AuthModule,
        HealthModule,
        MfaModule,
        SetupModule,
        OrganizationsModule,
        InvitationsModule,
        PeopleModule,
        DisappearancesModule,
        RelativesModule,
        DiaryModule,
        RemindersModule,
        CalendarFeedModule,
        StorageModule,
        PhotosModule,
        FilingsModule,
        ErasureModule,
        ForumsModule,
        ProceedingsModule,
        HearingsModule,
        CaseExportModule,
        CaseSummaryModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ErrorResponseFilter },
        { provide: APP_PIPE, useClass: SchemaValidationPipe },
      ],
    };
  }
}
