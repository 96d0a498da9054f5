import { Injectable } from '@nestjs/common';
import { DatabaseContext } from '../../database/database-context';
import type { AuditEntry } from './audit-chain';
import { AuditRepository } from './audit.repository';

export type AuditRecord = Omit<AuditEntry, 'requestId' | 'fields' | 'breakGlass'> & {
  fields?: string[];
  breakGlass?: boolean;
};

/** Writes audit events in the use case's own transaction: the event and the change commit together. */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly db: DatabaseContext,
  ) {}

  record(record: AuditRecord): Promise<void> {
    return this.audit.append({
      ...record,
      fields: record.fields ?? [],
      breakGlass: record.breakGlass ?? false,
      requestId: this.db.requestId ?? null,
    });
  }
}
