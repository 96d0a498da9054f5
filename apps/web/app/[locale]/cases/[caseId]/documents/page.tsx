import { FILING_KINDS, FilingListResponseSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ServiceUnavailable } from '../../../service-unavailable';
import { dateFormat } from '../../case-dates';
import { readFromApi } from '../../../../../lib/server-api';
import { CaseHeader } from '../case-header';
import { readCase, readCaseId } from '../read-case';
import { DocumentsManager, type FilingView } from './documents-manager';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('documents');
  return { title: t('title') };
}

export default async function CaseDocumentsPage({ params }: { params: Promise<{ caseId: string }> }) {
  const caseId = await readCaseId(params);
  const [found, filings] = await Promise.all([readCase(caseId), readFromApi(`/cases/${caseId}/filings`, FilingListResponseSchema)]);
  if (found.kind === 'unavailable') return <ServiceUnavailable />;
  if (found.kind === 'notFound') notFound();
  if (filings.kind === 'unavailable') return <ServiceUnavailable />;
  if (filings.kind === 'notFound') notFound();

  // Upload times are formatted here, once, so the browser shows exactly what the server rendered.
  const format = await getFormatter();
  const views: FilingView[] = filings.data.items.map((filing) => ({
    ...filing,
    versions: filing.versions.map((version) => ({ ...version, uploaded: format.dateTime(new Date(version.createdAt), dateFormat) })),
  }));

  return (
    <>
      <CaseHeader found={found.data} current="documents" />
      <DocumentsManager
        caseId={caseId}
        filings={views}
        canContribute={!found.data.access.breakGlass && found.data.access.level !== 'VIEW'}
        kinds={FILING_KINDS}
      />
    </>
  );
}
