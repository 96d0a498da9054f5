import { Injectable } from '@nestjs/common';
import type { CaseStatus } from '@lapata/contracts';
import { DatabaseContext } from '../../database/database-context';

const caseSummarySelect = {
  id: true,
  organizationId: true,
  reference: true,
  status: true,
  tags: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface CaseRow {
  id: string;
  organizationId: string;
  reference: string;
  status: CaseStatus;
  tags: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

@Injectable()
export class CaseRepository {
  constructor(private readonly db: DatabaseContext) {}

  /** The next case number of the organisation for the year, taken atomically. */
  async takeReferenceNumber(organizationId: string, year: number): Promise<number> {
    const [row] = await this.db.tx.$queryRaw<{ taken: number }[]>`
      insert into case_reference_counters (organization_id, year, next) values (${organizationId}::uuid, ${year}, 2)
      on conflict (organization_id, year) do update set next = case_reference_counters.next + 1
      returning next - 1 as taken`;
    return row!.taken;
  }

  async findReferencePrefix(organizationId: string): Promise<string> {
    const organization = await this.db.tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { caseReferencePrefix: true },
    });
    return organization.caseReferencePrefix;
  }

  async create(input: {
    organizationId: string;
    reference: string;
    tags: string[];
    assignedCaseworkerId: string | null;
    createdById: string;
    creatorGrant: boolean;
  }): Promise<CaseRow> {
    const tx = this.db.tx;
    const created = await tx.case.create({
      data: {
        organizationId: input.organizationId,
        reference: input.reference,
        tags: input.tags,
        assignedCaseworkerId: input.assignedCaseworkerId,
        statusChanges: {
          create: {
            organizationId: input.organizationId,
            toStatus: 'MISSING',
            effectiveOn: new Date(),
            changedById: input.createdById,
          },
        },
      },
      select: caseSummarySelect,
    });
    if (input.creatorGrant) {
      await tx.caseGrant.create({
        data: {
          organizationId: input.organizationId,
          caseId: created.id,
          userId: input.createdById,
          level: 'MANAGE',
          grantedById: input.createdById,
        },
      });
    }
    return created;
  }

  async isActiveMember(organizationId: string, userId: string): Promise<boolean> {
    const membership = await this.db.tx.membership.findFirst({
      where: { organizationId, userId, disabledAt: null },
      select: { id: true },
    });
    return membership !== null;
  }

  async getById(caseId: string): Promise<CaseRow> {
    return this.db.tx.case.findUniqueOrThrow({ where: { id: caseId }, select: caseSummarySelect });
  }

  /**
   * The cases the user may list: every live case of the organisation for its administrators, and
   * otherwise those with a live grant (in any organisation: an external lawyer's cases too).
   */
  async findVisible(input: {
    userId: string;
    organizationId: string | null;
    isOrganizationAdmin: boolean;
    limit: number;
    cursor: { updatedAt: Date; id: string } | null;
    now: Date;
  }): Promise<CaseRow[]> {
    const liveGrant = {
      grants: {
        some: {
          userId: input.userId,
          revokedAt: null,
          OR: [{ expiresAt: null }, { expiresAt: { gt: input.now } }],
        },
      },
    };
    const visibility =
      input.isOrganizationAdmin && input.organizationId
        ? { OR: [{ organizationId: input.organizationId }, liveGrant] }
        : liveGrant;
    const after = input.cursor
      ? {
          OR: [
            { updatedAt: { lt: input.cursor.updatedAt } },
            { updatedAt: input.cursor.updatedAt, id: { lt: input.cursor.id } },
          ],
        }
      : {};
    return this.db.tx.case.findMany({
      where: { AND: [visibility, after, { deletedAt: null }] },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      take: input.limit,
      select: caseSummarySelect,
    });
  }
}
