import { ProceedingStatusSchema } from '@lapata/contracts';
import { describe, expect, it } from 'vitest';
import { AWAITING_HEARING, PROCEEDING_TRANSITIONS, allowedNextStatuses, canMove, statusAfterHearingEvent } from './proceeding-status';

describe('the proceeding status machine', () => {
  it('has a row for every status and only known targets, never itself', () => {
    expect(Object.keys(PROCEEDING_TRANSITIONS).sort()).toEqual([...ProceedingStatusSchema.options].sort());
    for (const [from, targets] of Object.entries(PROCEEDING_TRANSITIONS)) {
      for (const to of targets) expect(ProceedingStatusSchema.options).toContain(to);
      expect(targets).not.toContain(from);
    }
  });

  it('follows the life of a petition', () => {
    const path = ['DRAFT', 'FILED', 'PENDING', 'HEARING_SCHEDULED', 'ADJOURNED', 'HEARING_SCHEDULED', 'RESERVED', 'DECIDED', 'APPEALED', 'CLOSED'] as const;
    for (let i = 1; i < path.length; i++) expect(canMove(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`).toBe(true);
  });

  it('refuses moves the table does not list', () => {
    expect(canMove('DRAFT', 'DECIDED')).toBe(false);
    expect(canMove('CLOSED', 'PENDING')).toBe(false);
    expect(canMove('DECIDED', 'HEARING_SCHEDULED')).toBe(false);
    expect(canMove('WITHDRAWN', 'FILED')).toBe(false);
    expect(allowedNextStatuses('CLOSED')).toEqual([]);
    expect(allowedNextStatuses('DECIDED')).toEqual(['APPEALED', 'CLOSED']);
  });

  it('lets every state before a final order end in dismissal or disposal, and final orders be appealed', () => {
    for (const from of ['FILED', 'PENDING', 'HEARING_SCHEDULED', 'ADJOURNED', 'RESERVED'] as const) {
      expect(canMove(from, 'DISMISSED')).toBe(true);
      expect(canMove(from, 'DISPOSED_OF')).toBe(true);
    }
    for (const from of ['DECIDED', 'DISMISSED', 'DISPOSED_OF'] as const) expect(canMove(from, 'APPEALED')).toBe(true);
  });

  it('moves with hearing events only where the table allows', () => {
    expect(statusAfterHearingEvent('FILED', { nextDateFixed: true })).toBe('HEARING_SCHEDULED');
    expect(statusAfterHearingEvent('ADJOURNED', { nextDateFixed: true })).toBe('HEARING_SCHEDULED');
    expect(statusAfterHearingEvent('HEARING_SCHEDULED', { nextDateFixed: true })).toBeNull();
    expect(statusAfterHearingEvent('HEARING_SCHEDULED', { nextDateFixed: false, adjourned: true })).toBe('ADJOURNED');
    expect(statusAfterHearingEvent('DECIDED', { nextDateFixed: true })).toBeNull();
    expect(statusAfterHearingEvent('DRAFT', { nextDateFixed: true })).toBeNull();
    expect(statusAfterHearingEvent('PENDING', { nextDateFixed: false, adjourned: false })).toBeNull();
  });

  it('expects hearings only while the matter is before the forum', () => {
    expect(AWAITING_HEARING).toEqual(['FILED', 'PENDING', 'HEARING_SCHEDULED', 'ADJOURNED']);
  });
});
