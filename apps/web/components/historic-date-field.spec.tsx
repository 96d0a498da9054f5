import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../messages/catalogue';
import { HistoricDateField, readHistoricDate } from './historic-date-field';

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
};

describe('historic date field', () => {
  it('reads a single date, a range only while ticked, and nothing for an empty start', () => {
    expect(readHistoricDate(form({ 'lastSeen.from': ' 1994-06 ' }), 'lastSeen')).toEqual({ from: '1994-06', to: null });
    expect(readHistoricDate(form({ 'lastSeen.from': '1994', 'lastSeen.to': '1996', 'lastSeen.range': 'on' }), 'lastSeen')).toEqual({
      from: '1994',
      to: '1996',
    });
    expect(readHistoricDate(form({ 'lastSeen.from': '1994', 'lastSeen.to': '1996' }), 'lastSeen')).toEqual({ from: '1994', to: null });
    expect(readHistoricDate(form({ 'lastSeen.from': '' }), 'lastSeen')).toBeNull();
  });

  it('renders labelled left-to-right inputs, the hint and the errors, in Urdu too', () => {
    for (const locale of ['en', 'ur'] as const) {
      const html = renderToStaticMarkup(
        <NextIntlClientProvider locale={locale} messages={catalogues[locale]} timeZone="Asia/Karachi">
          <HistoricDateField
            name="occurred"
            label="When"
            value={{ from: '1994-06', to: '1994-08' }}
            errors={{ to: 'The end of the range is before its start' }}
          />
        </NextIntlClientProvider>,
      );
      expect(html).toContain('name="occurred.from"');
      expect(html).toContain('name="occurred.to"');
      expect(html).toContain('value="1994-08"');
      expect(html).toContain('dir="ltr"');
      expect(html).toContain('The end of the range is before its start');
      expect(html).toContain('aria-invalid="true"');
      expect(html).toContain(locale === 'en' ? '1994, 1994-06 or 1994-06-12' : 'سال، مہینہ یا دن');
    }
  });
});
