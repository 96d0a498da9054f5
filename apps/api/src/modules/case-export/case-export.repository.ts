import { Injectable } from '@nestjs/common';
import { DatabaseContext } from '../../database/database-context';

export interface PfifSettings {
  /** The organisation's own PFIF record domain; the instance's host name when unset. */
  pfifDomain: string | null;
  /** Days after export when a person finder should drop exported records; none when unset. */
  pfifExpiryDays: number | null;
}

@Injectable()
export class CaseExportRepository {
  constructor(private readonly db: DatabaseContext) {}

  /**
   * The case organisation's PFIF settings. Row-level security shows only the acting organisation's
   * row, so an exporter from another organisation (an external lawyer) gets none: the defaults apply.
   */
  async findPfifSettings(organizationId: string): Promise<PfifSettings> {
    const organization = await this.db.tx.organization.findUnique({
      where: { id: organizationId },
      select: { pfifDomain: true, pfifExpiryDays: true },
    });
    return { pfifDomain: organization?.pfifDomain ?? null, pfifExpiryDays: organization?.pfifExpiryDays ?? null };
  }
}
