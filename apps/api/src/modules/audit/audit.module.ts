import { Global, Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogService } from './audit-log.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditLogController],
  providers: [AuditRepository, AuditService, AuditLogRepository, AuditLogService],
  exports: [AuditService],
})
export class AuditModule {}
