import { Injectable } from '@nestjs/common';
import type { DatePrecision, FilingKind } from '@lapata/contracts';
import { DatabaseContext } from '../../database/database-context';

type Bytes = Uint8Array<ArrayBuffer>;

export interface FilingColumns {
  kind: FilingKind;
  titleEnc: Bytes;
  documentFrom: Date | null;
  documentTo: Date | null;
  documentPrecision: DatePrecision | null;
  issuingForumId: string | null;
  proceedingId: string | null;
  hearingId: string | null;
}

export interface FilingVersionRow {
  id: string;
  number: number;
  storageKey: string;
  mimeType: string;
  sizeBytes: bigint;
  sha256: Uint8Array;
  createdAt: Date;
}

export interface FilingRow extends FilingColumns {
  id: string;
  organizationId: string;
  caseId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  versions: FilingVersionRow[];
}

const versionSelect = {
  id: true,
  number: true,
  storageKey: true,
  mimeType: true,
  sizeBytes: true,
  sha256: true,
  createdAt: true,
} as const;

const filingSelect = {
  id: true,
  organizationId: true,
  caseId: true,
  kind: true,
  titleEnc: true,
  documentFrom: true,
  documentTo: true,
  documentPrecision: true,
  issuingForumId: true,
  proceedingId: true,
  hearingId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  versions: { select: versionSelect, orderBy: { number: 'desc' } },
} as const;

export interface NewVersion {
  id: string;
  organizationId: string;
  number: number;
  storageKey: string;
  mimeType: string;
  sizeBytes: number;
  sha256: Uint8Array;
  uploadedById: string;
}

@Injectable()
export class FilingRepository {
  constructor(private readonly db: DatabaseContext) {}

  findByCase(caseId: string): Promise<FilingRow[]> {
    return this.db.tx.filing.findMany({
      where: { caseId },
      select: filingSelect,
      orderBy: [{ documentFrom: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
    }) as Promise<FilingRow[]>;
  }

  findById(caseId: string, filingId: string): Promise<FilingRow | null> {
    return this.db.tx.filing.findFirst({ where: { id: filingId, caseId }, select: filingSelect }) as Promise<FilingRow | null>;
  }

  findVersion(caseId: string, filingId: string, number: number): Promise<(FilingVersionRow & { kind: FilingKind }) | null> {
    return this.db.tx.filingVersion
      .findFirst({
        where: { filingId, number, filing: { caseId } },
        select: { ...versionSelect, filing: { select: { kind: true } } },
      })
      .then((row) => (row ? { ...row, kind: row.filing.kind as FilingKind } : null));
  }

  async create(input: { id: string; organizationId: string; caseId: string; columns: FilingColumns; first: NewVersion }): Promise<void> {
    await this.db.tx.filing.create({
      data: { id: input.id, organizationId: input.organizationId, caseId: input.caseId, ...input.columns },
    });
    await this.addVersion(input.id, input.first);
  }

  async addVersion(filingId: string, version: NewVersion): Promise<void> {
    await this.db.tx.filingVersion.create({
      data: { ...version, filingId, sizeBytes: BigInt(version.sizeBytes), sha256: new Uint8Array(version.sha256) },
    });
  }

  async latestNumber(filingId: string): Promise<number> {
    const latest = await this.db.tx.filingVersion.aggregate({ where: { filingId }, _max: { number: true } });
    return latest._max.number ?? 0;
  }

  /** Writes the metadata only if the row still has the version the caller read. */
  async update(id: string, expectedVersion: number, columns: FilingColumns): Promise<boolean> {
    const { count } = await this.db.tx.filing.updateMany({
      where: { id, version: expectedVersion },
      data: { ...columns, version: { increment: 1 } },
    });
    return count === 1;
  }

  async currentVersion(id: string): Promise<number | null> {
    const row = await this.db.tx.filing.findUnique({ where: { id }, select: { version: true } });
    return row?.version ?? null;
  }

  /** Earlier versions in the same case with the same content (found through the organisation's sha256 index). */
  findSameContent(organizationId: string, caseId: string, sha256: Uint8Array, exceptVersionId: string): Promise<{ filingId: string; number: number }[]> {
    return this.db.tx.filingVersion.findMany({
      where: { organizationId, sha256: new Uint8Array(sha256), filing: { caseId }, id: { not: exceptVersionId } },
      select: { filingId: true, number: true },
      orderBy: { createdAt: 'asc' },
    });
  }

  caseReference(caseId: string): Promise<{ reference: string } | null> {
    return this.db.tx.case.findUnique({ where: { id: caseId }, select: { reference: true } });
  }

  async forumOfOrganization(organizationId: string, forumId: string): Promise<boolean> {
    return (await this.db.tx.forum.count({ where: { id: forumId, organizationId } })) === 1;
  }

  async proceedingOfCase(caseId: string, proceedingId: string): Promise<boolean> {
    return (await this.db.tx.proceeding.count({ where: { id: proceedingId, caseId } })) === 1;
  }

  hearingOfCase(caseId: string, hearingId: string): Promise<{ proceedingId: string } | null> {
    return this.db.tx.hearing.findFirst({ where: { id: hearingId, caseId }, select: { proceedingId: true } });
  }
}
