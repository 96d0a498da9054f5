import type { ProceedingStatus } from '@lapata/contracts';

/**
 * The one transition table of a proceeding's status (docs/proceedings.md draws it). Everything
 * that moves a status — the status route, recording a hearing or its outcome — asks this table.
 *
 * - Terminal: CLOSED and WITHDRAWN lead nowhere.
 * - DECIDED, DISMISSED and DISPOSED_OF are final orders of this forum: they may only be appealed or closed.
 * - DISMISSED / WITHDRAWN / DISPOSED_OF can happen from any state in which the matter is before the forum.
 */
export const PROCEEDING_TRANSITIONS: Readonly<Record<ProceedingStatus, readonly ProceedingStatus[]>> = {
  DRAFT: ['FILED', 'WITHDRAWN'],
  FILED: ['PENDING', 'HEARING_SCHEDULED', 'DISMISSED', 'WITHDRAWN', 'DISPOSED_OF'],
  PENDING: ['HEARING_SCHEDULED', 'RESERVED', 'DECIDED', 'DISMISSED', 'WITHDRAWN', 'DISPOSED_OF'],
  HEARING_SCHEDULED: ['ADJOURNED', 'PENDING', 'RESERVED', 'DECIDED', 'DISMISSED', 'WITHDRAWN', 'DISPOSED_OF'],
  ADJOURNED: ['HEARING_SCHEDULED', 'PENDING', 'RESERVED', 'DECIDED', 'DISMISSED', 'WITHDRAWN', 'DISPOSED_OF'],
  RESERVED: ['DECIDED', 'HEARING_SCHEDULED', 'DISMISSED', 'DISPOSED_OF'],
  DECIDED: ['APPEALED', 'CLOSED'],
  DISMISSED: ['APPEALED', 'CLOSED'],
  DISPOSED_OF: ['APPEALED', 'CLOSED'],
  APPEALED: ['CLOSED'],
  CLOSED: [],
  WITHDRAWN: [],
};

/** States in which the proceeding is still before its forum and a next date is expected. */
export const AWAITING_HEARING: readonly ProceedingStatus[] = ['FILED', 'PENDING', 'HEARING_SCHEDULED', 'ADJOURNED'];

export function allowedNextStatuses(from: ProceedingStatus): ProceedingStatus[] {
  return [...PROCEEDING_TRANSITIONS[from]];
}

export function canMove(from: ProceedingStatus, to: ProceedingStatus): boolean {
  return PROCEEDING_TRANSITIONS[from].includes(to);
}

/**
 * Where a hearing event moves the proceeding, if anywhere: a fixed future date means
 * HEARING_SCHEDULED; an adjournment without a next date means ADJOURNED. Null when the table
 * does not allow the move (e.g. a decided proceeding keeps its status) or nothing changes.
 */
export function statusAfterHearingEvent(
  current: ProceedingStatus,
  event: { nextDateFixed: true } | { nextDateFixed: false; adjourned: boolean },
): ProceedingStatus | null {
  const target: ProceedingStatus | null = event.nextDateFixed ? 'HEARING_SCHEDULED' : event.adjourned ? 'ADJOURNED' : null;
  if (target === null || target === current) return null;
  if (canMove(current, target)) return target;
  // A filed or pending matter adjourned without a date is simply pending again.
  return null;
}
