import { Injectable } from '@nestjs/common';
import type { ReminderSettings, UpdateReminderSettingsRequest } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { NotFoundError, StaleVersionError } from '../../common/errors/api-error';
import { ReminderSettingsRepository, type ReminderSettingsRow } from './reminder-settings.repository';

/** When hearing reminders come to the signed-in user, and whether they come as a family member. */
@Injectable()
export class ReminderSettingsService {
  constructor(private readonly settings: ReminderSettingsRepository) {}

  async get(actor: Actor): Promise<ReminderSettings> {
    const row = await this.settings.findByUserId(actor.userId);
    if (!row) throw new NotFoundError();
    return toResponse(row);
  }

  /**
   * Pending reminders follow on the worker's next round: new offsets are planned and dropped ones
   * are removed from the queue.
   */
  async update(actor: Actor, request: UpdateReminderSettingsRequest): Promise<ReminderSettings> {
    const updated = await this.settings.update(actor.userId, request.version, request);
    if (updated) return toResponse(updated);
    const current = await this.settings.findByUserId(actor.userId);
    if (!current) throw new NotFoundError();
    throw new StaleVersionError(current.version);
  }
}

function toResponse(row: ReminderSettingsRow): ReminderSettings {
  return { offsetsMinutes: row.reminderOffsetsMin, familyOptIn: row.familyRemindersOptIn, version: row.version };
}
