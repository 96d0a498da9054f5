import { Injectable } from '@nestjs/common';
import { DatabaseContext } from '../../database/database-context';

export interface ReminderSettingsRow {
  reminderOffsetsMin: number[];
  familyRemindersOptIn: boolean;
  version: number;
}

const SELECT = { reminderOffsetsMin: true, familyRemindersOptIn: true, version: true } as const;

/** A user's own reminder settings (the users table holds no organisation data: no row-level security). */
@Injectable()
export class ReminderSettingsRepository {
  constructor(private readonly db: DatabaseContext) {}

  findByUserId(userId: string): Promise<ReminderSettingsRow | null> {
    return this.db.tx.user.findUnique({ where: { id: userId }, select: SELECT });
  }

  /** Null when `version` is no longer the user's (someone changed the account meanwhile). */
  async update(userId: string, version: number, settings: { offsetsMinutes: number[]; familyOptIn: boolean }): Promise<ReminderSettingsRow | null> {
    const result = await this.db.tx.user.updateMany({
      where: { id: userId, version },
      data: {
        reminderOffsetsMin: [...settings.offsetsMinutes].sort((a, b) => b - a),
        familyRemindersOptIn: settings.familyOptIn,
        version: { increment: 1 },
      },
    });
    if (result.count !== 1) return null;
    return this.findByUserId(userId);
  }
}
