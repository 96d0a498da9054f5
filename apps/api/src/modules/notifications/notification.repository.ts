import { Injectable } from '@nestjs/common';
import { DatabaseContext } from '../../database/database-context';

@Injectable()
export class NotificationRepository {
  constructor(private readonly db: DatabaseContext) {}

  /** Row-level security shows a user only their own notifications; the filter says so too. */
  findRecentForUser(
    userId: string,
  ): Promise<{ id: string; kind: string; caseId: string | null; createdAt: Date; readAt: Date | null }[]> {
    return this.db.tx.notification.findMany({
      where: { userId },
      orderBy: { createdAt: 'desc' },
      take: 50,
      select: { id: true, kind: true, caseId: true, createdAt: true, readAt: true },
    });
  }

  async markRead(userId: string, notificationId: string, now: Date): Promise<boolean> {
    const result = await this.db.tx.notification.updateMany({
      where: { id: notificationId, userId },
      data: { readAt: now },
    });
    return result.count === 1;
  }
}
