import { Injectable } from '@nestjs/common';
import { DatabaseContext } from '../../database/database-context';

export interface PhotoRow {
  id: string;
  organizationId: string;
  storageKey: string;
  mimeType: string;
  sizeBytes: number;
  sha256: Uint8Array;
  createdAt: Date;
}

const photoSelect = {
  id: true,
  organizationId: true,
  storageKey: true,
  mimeType: true,
  sizeBytes: true,
  sha256: true,
  createdAt: true,
} as const;

@Injectable()
export class PhotoRepository {
  constructor(private readonly db: DatabaseContext) {}

  async findPersonId(caseId: string): Promise<string | null> {
    const person = await this.db.tx.missingPerson.findUnique({ where: { caseId }, select: { id: true } });
    return person?.id ?? null;
  }

  findByCase(caseId: string): Promise<PhotoRow[]> {
    return this.db.tx.photo.findMany({
      where: { missingPerson: { caseId } },
      select: photoSelect,
      orderBy: { createdAt: 'asc' },
    });
  }

  findById(caseId: string, photoId: string): Promise<PhotoRow | null> {
    return this.db.tx.photo.findFirst({ where: { id: photoId, missingPerson: { caseId } }, select: photoSelect });
  }

  create(input: {
    id: string;
    organizationId: string;
    missingPersonId: string;
    storageKey: string;
    mimeType: string;
    sizeBytes: number;
    sha256: Uint8Array;
    uploadedById: string;
  }): Promise<PhotoRow> {
    return this.db.tx.photo.create({
      data: { ...input, sha256: new Uint8Array(input.sha256) },
      select: photoSelect,
    });
  }

  async delete(photoId: string): Promise<void> {
    await this.db.tx.photo.delete({ where: { id: photoId } });
  }
}
