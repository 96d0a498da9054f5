import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotificationListResponseSchema, NotificationSchema, type NotificationListResponse } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { AccountAccess, CurrentActor } from '../../access/route-access';
import { NotFoundError } from '../../common/errors/api-error';
import { UuidParam } from '../../common/validation/decorators';
import { NotificationRepository } from './notification.repository';

/** A user's own notices (a grant added to a case they manage, a break-glass opening). */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationRepository) {}

  @Get()
  @AccountAccess()
  @ApiOperation({ summary: 'Your latest notifications' })
  @ApiOkResponse({ standardSchema: NotificationListResponseSchema })
  async list(@CurrentActor() actor: Actor): Promise<NotificationListResponse> {
    const rows = await this.notifications.findRecentForUser(actor.userId);
    return {
      items: rows.map((row) =>
        NotificationSchema.parse({
          ...row,
          createdAt: row.createdAt.toISOString(),
          readAt: row.readAt?.toISOString() ?? null,
        }),
      ),
    };
  }

  @Post(':notificationId/read')
  @HttpCode(204)
  @AccountAccess()
  @ApiOperation({ summary: 'Mark a notification read' })
  async markRead(@CurrentActor() actor: Actor, @UuidParam('notificationId') notificationId: string): Promise<void> {
    if (!(await this.notifications.markRead(actor.userId, notificationId, new Date()))) throw new NotFoundError();
  }
}
