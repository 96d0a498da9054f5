import { Injectable } from '@nestjs/common';
import type { CreateForumKindRequest, CreateForumRequest } from '@lapata/contracts';
import { DatabaseContext } from '../../database/database-context';
import { forumSelect, type ForumKindRow, type ForumRow } from './forum.mapper';

const kindSelect = { id: true, code: true, nameEn: true, nameUr: true, organizationId: true } as const;

@Injectable()
export class ForumRepository {
  constructor(private readonly db: DatabaseContext) {}

  /** The seeded kinds and the organisation's own. */
  findKinds(organizationId: string): Promise<ForumKindRow[]> {
    return this.db.tx.forumKind.findMany({
      where: { OR: [{ organizationId: null }, { organizationId }] },
      orderBy: [{ sortOrder: 'asc' }, { nameEn: 'asc' }],
      select: kindSelect,
    });
  }

  findKindByCode(organizationId: string, code: string): Promise<{ id: string } | null> {
    return this.db.tx.forumKind.findFirst({
      where: { code, OR: [{ organizationId: null }, { organizationId }] },
      select: { id: true },
    });
  }

  findKind(organizationId: string, kindId: string): Promise<{ id: string } | null> {
    return this.db.tx.forumKind.findFirst({
      where: { id: kindId, OR: [{ organizationId: null }, { organizationId }] },
      select: { id: true },
    });
  }

  createKind(organizationId: string, request: CreateForumKindRequest): Promise<ForumKindRow> {
    return this.db.tx.forumKind.create({ data: { organizationId, ...request }, select: kindSelect });
  }

  findForums(organizationId: string): Promise<ForumRow[]> {
    return this.db.tx.forum.findMany({
      where: { organizationId },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: forumSelect,
    });
  }

  /** A forum of this organisation, or null (another organisation's forum is never "found"). */
  findForum(organizationId: string, forumId: string): Promise<ForumRow | null> {
    return this.db.tx.forum.findFirst({ where: { id: forumId, organizationId }, select: forumSelect });
  }

  createForum(organizationId: string, request: CreateForumRequest): Promise<ForumRow> {
    return this.db.tx.forum.create({
      data: {
        organizationId,
        kindId: request.kindId,
        name: request.name,
        city: request.city,
        bench: request.bench,
        timeZone: request.timeZone,
      },
      select: forumSelect,
    });
  }
}
