import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { catalogues } from '../../../../messages/catalogue';
import { PrintButton } from '../[caseId]/summary/print-button';
import { PfifImportForm } from './pfif-import-form';

// The form only navigates after a request; rendering it needs no router.
vi.mock('../../../../i18n/navigation', () => ({ useRouter: () => ({ replace: vi.fn() }), Link: () => null }));

function render(locale: 'en' | 'ur', node: ReactNode): string {
  const missing: string[] = [];
  const html = renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={catalogues[locale]} timeZone="Asia/Karachi" onError={(error) => missing.push(error.message)}>
      {node}
    </NextIntlClientProvider>,
  );
  expect(missing).toEqual([]);
  return html;
}

describe('PFIF import and case summary controls', () => {
  it('render a labelled XML file input and a print button in English and Urdu', () => {
    const en = render('en', <PfifImportForm />);
    expect(en).toMatch(/<label for="field-file">PFIF file \(\.xml\)<\/label>/);
    expect(en).toMatch(/type="file"[^>]*accept=".xml,application\/xml,text\/xml"/);
    expect(en).toContain('aria-describedby="field-file-hint"');
    const ur = render('ur', <PfifImportForm />);
    expect(ur).toContain('درآمد کریں');
    expect(render('en', <PrintButton />)).toBe('<button type="button">Print</button>');
    expect(render('ur', <PrintButton />)).toBe('<button type="button">پرنٹ کریں</button>');
  });
});
