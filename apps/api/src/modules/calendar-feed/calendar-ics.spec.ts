import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { redactPathSecrets } from '../../common/logging/logger';
import { buildCalendar } from './calendar-ics';

describe('buildCalendar', () => {
  it('writes UTC instants, a stable UID, SEQUENCE and the title only', () => {
    const text = buildCalendar(
      [
        {
          hearingId: '01900000-0000-7000-8000-000000000001',
          scheduledAt: new Date('2026-03-05T04:30:00Z'),
          updatedAt: new Date('2026-02-01T10:00:00Z'),
          version: 3,
          title: 'ABC-2026-0001 · High Court',
        },
      ],
      'Lapata hearings',
    );
    expect(text).toContain('DTSTART:20260305T043000Z');
    const [event] = Object.values(ical.sync.parseICS(text)).filter((item) => item?.type === 'VEVENT');
    expect(event).toMatchObject({
      uid: 'hearing-01900000-0000-7000-8000-000000000001@lapata',
      summary: 'ABC-2026-0001 · High Court',
      sequence: 3,
    });
  });

  it('makes a valid empty calendar', () => {
    expect(buildCalendar([], 'Lapata hearings')).toMatch(/^BEGIN:VCALENDAR[\s\S]*END:VCALENDAR\r\n$/);
  });
});

describe('redactPathSecrets', () => {
  it('hides the feed token, behind the web forward too, and leaves other paths alone', () => {
    expect(redactPathSecrets('/calendar/abcDEF_-123.ics')).toBe('/calendar/[Redacted]');
    expect(redactPathSecrets('/api/calendar/abcDEF_-123.ics')).toBe('/api/calendar/[Redacted]');
    expect(redactPathSecrets('/account/calendar-feed')).toBe('/account/calendar-feed');
    expect(redactPathSecrets('/cases/1/proceedings')).toBe('/cases/1/proceedings');
  });
});
