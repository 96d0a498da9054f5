import { DiaryEntryKindSchema, RelationshipSchema } from '@lapata/contracts';
import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { catalogues } from '../../../../../messages/catalogue';
import { DiaryManager } from '../diary/diary-manager';
import { RelativesManager } from '../relatives/relatives-manager';
import { DisappearanceForm } from './disappearance-form';

// The forms only navigate after a request; rendering them needs no router.
vi.mock('../../../../../i18n/navigation', () => ({ useRouter: () => ({ replace: vi.fn(), refresh: vi.fn(), push: vi.fn() }) }));

const caseId = '0193a0c4-7a31-7cc2-9b1e-3f6a2b1c4d5e';
const stamp = '2026-11-25T10:00:00.000Z';

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

describe('case record forms', () => {
  it('render the disappearance form with its record, free text in either direction', () => {
    for (const locale of ['en', 'ur'] as const) {
      const html = render(
        locale,
        <DisappearanceForm
          caseId={caseId}
          record={{
            caseId,
            lastSeen: { from: '2017-03', to: null },
            lastSeenPlace: 'گلشن اقبال',
            circumstances: 'Taken at night',
            perpetrators: [{ agency: 'Unknown men', unit: null, vehicle: 'White Vigo', description: null }],
            witnesses: [{ name: 'Shakeel', contact: null, statement: 'Saw it' }],
            version: 3,
            updatedAt: stamp,
          }}
        />,
      );
      expect(html).toContain('name="lastSeen.from"');
      expect(html).toContain('name="perpetrators.0.vehicle"');
      expect(html).toContain('name="witnesses.0.name"');
      expect(html).toMatch(/name="lastSeenPlace"[^>]*dir="auto"|dir="auto"[^>]*name="lastSeenPlace"/);
      expect(html).toContain('White Vigo');
    }
  });

  it('render relatives and the diary, with edit actions only where allowed', () => {
    const relative = {
      id: caseId,
      caseId,
      relationship: 'MOTHER' as const,
      name: 'نسرین',
      phones: ['0300 1234567'],
      address: null,
      notes: null,
      userId: null,
      userName: null,
      version: 1,
      createdAt: stamp,
      updatedAt: stamp,
    };
    const entry = {
      id: caseId,
      caseId,
      kind: 'POLICE_CONTACT' as const,
      occurred: { from: '2024-06', to: null },
      body: 'FIR refused',
      authorId: caseId,
      authorName: 'Zainab',
      canEdit: false,
      version: 1,
      createdAt: stamp,
      updatedAt: stamp,
    };
    for (const locale of ['en', 'ur'] as const) {
      const t = catalogues[locale];
      const relatives = render(locale, <RelativesManager caseId={caseId} relatives={[relative]} canWrite relationships={RelationshipSchema.options} />);
      expect(relatives).toContain(t.relatives.relationships.MOTHER);
      expect(relatives).toContain(t.relatives.addTitle);
      const readOnly = render(locale, <RelativesManager caseId={caseId} relatives={[relative]} canWrite={false} relationships={RelationshipSchema.options} />);
      expect(readOnly).not.toContain(t.relatives.addTitle);
      expect(readOnly).not.toContain(`>${t.relatives.edit}<`);

      const diary = render(locale, <DiaryManager caseId={caseId} firstPage={{ entries: [entry], nextCursor: 'abc' }} canWrite kinds={DiaryEntryKindSchema.options} />);
      expect(diary).toContain(t.diary.kinds.POLICE_CONTACT);
      expect(diary).toContain(t.diary.more);
      expect(diary).not.toContain(`>${t.diary.edit}<`);
      const editable = render(locale, <DiaryManager caseId={caseId} firstPage={{ entries: [{ ...entry, canEdit: true }], nextCursor: null }} canWrite kinds={DiaryEntryKindSchema.options} />);
      expect(editable).toContain(`>${t.diary.edit}<`);
    }
  });
});
