import { REMINDER_OFFSET_CHOICES } from '@lapata/contracts';
import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../messages/catalogue';
import { CalendarFeed } from './calendar-feed';
import { ReminderSettings } from './reminder-settings';

const render = (locale: 'en' | 'ur', node: React.ReactNode) =>
  renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={catalogues[locale]} timeZone="Asia/Karachi">
      {node}
    </NextIntlClientProvider>,
  );

describe('account: reminders and calendar link', () => {
  it('offers the reminder times as labelled checkboxes, ticked as saved, with the family opt-in', () => {
    for (const locale of ['en', 'ur'] as const) {
      const html = render(locale, <ReminderSettings choices={REMINDER_OFFSET_CHOICES} initial={{ offsetsMinutes: [1440, 45], familyOptIn: false, version: 3 }} />);
      for (const minutes of [10080, 4320, 1440, 120, 45]) {
        expect(html).toContain(`id="field-offset-${minutes}"`);
        expect(html).toContain(`for="field-offset-${minutes}"`);
      }
      expect(html).toMatch(/id="field-offset-1440"[^>]*checked/);
      expect(html).not.toMatch(/id="field-offset-10080"[^>]*checked/);
      expect(html).not.toMatch(/id="field-familyOptIn"[^>]*checked/);
      expect(html).toContain(locale === 'en' ? '45 minutes before' : '45 منٹ پہلے');
      expect(html).toContain(locale === 'en' ? 'Hearing reminders' : 'سماعت کی یاد دہانیاں');
    }
  });

  it('offers to make a link when there is none, and to renew or turn off a live one', () => {
    for (const locale of ['en', 'ur'] as const) {
      const none = render(locale, <CalendarFeed initial={{ active: false, createdAt: null }} />);
      expect(none).toContain(locale === 'en' ? 'Make a calendar link' : 'کیلنڈر لنک بنائیں');
      const live = render(locale, <CalendarFeed initial={{ active: true, createdAt: '2026-03-01T10:00:00.000Z' }} />);
      expect(live).toContain(locale === 'en' ? 'Make a new link' : 'نیا لنک بنائیں');
      expect(live).toContain(locale === 'en' ? 'Turn the link off' : 'لنک بند کریں');
      expect(live).not.toContain('/api/calendar/');
    }
  });
});
