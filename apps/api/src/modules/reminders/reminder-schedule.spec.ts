import type { Role } from '@lapata/contracts';
import { describe, expect, it } from 'vitest';
import { candidateIds, mayHearAbout, type AudienceCase, type AudienceMember } from './hearing-audience';
import { LATE_REMINDER_GRACE_MS, plannedReminders, retryDelayMs } from './reminder-schedule';

const now = new Date('2026-03-01T06:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const DAY = 86_400_000;

describe('plannedReminders', () => {
  it('plans one reminder per offset, at the hearing time minus the offset', () => {
    const hearingAt = at(10 * DAY);
    expect(plannedReminders({ userId: 'u', hearingAt, offsetsMinutes: [10080, 1440], now })).toEqual([
      { userId: 'u', offsetMinutes: 10080, scheduledFor: at(3 * DAY) },
      { userId: 'u', offsetMinutes: 1440, scheduledFor: at(9 * DAY) },
    ]);
  });

  it('skips reminders whose moment passed longer ago than the grace period, and past hearings', () => {
    const hearingAt = at(2 * DAY);
    expect(plannedReminders({ userId: 'u', hearingAt, offsetsMinutes: [10080, 1440], now }).map((r) => r.offsetMinutes)).toEqual([
      1440,
    ]);
    const dueJustWithinGrace = at(DAY - LATE_REMINDER_GRACE_MS + 60_000);
    expect(plannedReminders({ userId: 'u', hearingAt: dueJustWithinGrace, offsetsMinutes: [1440], now })).toHaveLength(1);
    const dueJustBeyondGrace = at(DAY - LATE_REMINDER_GRACE_MS - 60_000);
    expect(plannedReminders({ userId: 'u', hearingAt: dueJustBeyondGrace, offsetsMinutes: [1440], now })).toEqual([]);
    expect(plannedReminders({ userId: 'u', hearingAt: at(-1), offsetsMinutes: [1440], now })).toEqual([]);
  });

  it('backs off exponentially up to two hours', () => {
    expect([1, 2, 3, 4, 10].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 7_200_000]);
  });
});

describe('mayHearAbout', () => {
  const found: AudienceCase = {
    deleted: false,
    assignedCaseworkerId: 'assigned',
    grants: [
      { userId: 'lawyer', level: 'VIEW' },
      { userId: 'family', level: 'VIEW' },
    ],
    counselIds: ['counsel'],
  };
  const member = (id: string, role: Role, extra: Partial<AudienceMember> = {}): AudienceMember => ({
    id,
    active: true,
    membership: { role, disabled: false },
    familyOptIn: false,
    ...extra,
  });

  it('lists counsel, grantees and the assigned caseworker once each', () => {
    expect(candidateIds(found).sort()).toEqual(['assigned', 'counsel', 'family', 'lawyer']);
  });

  it('tells grantees, and family only once they opted in', () => {
    expect(mayHearAbout(found, member('lawyer', 'LAWYER'))).toBe(true);
    expect(mayHearAbout(found, { ...member('lawyer', 'LAWYER'), membership: null })).toBe(true);
    expect(mayHearAbout(found, member('family', 'FAMILY'))).toBe(false);
    expect(mayHearAbout(found, member('family', 'FAMILY', { familyOptIn: true }))).toBe(true);
  });

  it('tells nobody who cannot read the case: no grant, disabled, inactive, or a deleted case', () => {
    expect(mayHearAbout(found, member('counsel', 'LAWYER'))).toBe(false);
    expect(mayHearAbout(found, member('assigned', 'CASEWORKER'))).toBe(false);
    expect(mayHearAbout(found, member('lawyer', 'LAWYER', { active: false }))).toBe(false);
    expect(mayHearAbout(found, { ...member('lawyer', 'LAWYER'), membership: { role: 'LAWYER', disabled: true } })).toBe(false);
    expect(mayHearAbout({ ...found, deleted: true }, member('lawyer', 'LAWYER'))).toBe(false);
    expect(mayHearAbout(found, member('admin', 'ORG_ADMIN'))).toBe(true);
  });
});
