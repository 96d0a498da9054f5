import { Injectable } from '@nestjs/common';
import { DatabaseContext } from '../../database/database-context';
import type { AuditEntry } from './audit-chain';
import { AuditRepository } from './audit.repository';

export type AuditRecord = Omit<AuditEntry, 'requestId' | 'fields' | 'breakGlass'> & {
  fields?: string[];
  breakGlass?: boolean;
};

/**
 * Records audit events in the use case's own transaction: the event and the change commit
 * together (the events are appended to the chain just before COMMIT).
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly db: DatabaseContext,
  ) {}

  async record(record: AuditRecord): Promise<void> {
    this.audit.append({
      ...record,
      fields: record.fields ?? [],
      breakGlass: record.breakGlass ?? false,
      requestId: this.db.requestId ?? null,
    });
  }
}
