import { DiaryEntryKindSchema, DiaryPageResponseSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { readFromApi } from '../../../../../lib/server-api';
import { ServiceUnavailable } from '../../../service-unavailable';
import { CaseHeader } from '../case-header';
import { readCase, readCaseId } from '../read-case';
import { DiaryManager } from './diary-manager';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('diary');
  return { title: t('title') };
}

export default async function DiaryPage({ params }: { params: Promise<{ caseId: string }> }) {
  const caseId = await readCaseId(params);
  const [found, read] = await Promise.all([readCase(caseId), readFromApi(`/cases/${caseId}/diary`, DiaryPageResponseSchema)]);
  if (found.kind === 'unavailable') return <ServiceUnavailable />;
  if (found.kind === 'notFound') notFound();
  if (read.kind === 'unavailable') return <ServiceUnavailable />;
  if (read.kind === 'notFound') notFound();
  const canWrite = found.data.access.level !== 'VIEW' && !found.data.access.breakGlass;

  return (
    <>
      <CaseHeader found={found.data} current="diary" />
      <DiaryManager caseId={caseId} firstPage={read.data} canWrite={canWrite} kinds={DiaryEntryKindSchema.options} />
    </>
  );
}
