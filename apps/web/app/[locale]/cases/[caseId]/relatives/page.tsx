import { RelationshipSchema, RelativeListResponseSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { readFromApi } from '../../../../../lib/server-api';
import { ServiceUnavailable } from '../../../service-unavailable';
import { CaseHeader } from '../case-header';
import { readCase, readCaseId } from '../read-case';
import { RelativesManager } from './relatives-manager';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('relatives');
  return { title: t('title') };
}

export default async function RelativesPage({ params }: { params: Promise<{ caseId: string }> }) {
  const caseId = await readCaseId(params);
  const [found, read] = await Promise.all([readCase(caseId), readFromApi(`/cases/${caseId}/relatives`, RelativeListResponseSchema)]);
  if (found.kind === 'unavailable') return <ServiceUnavailable />;
  if (found.kind === 'notFound') notFound();
  if (read.kind === 'unavailable') return <ServiceUnavailable />;
  if (read.kind === 'notFound') notFound();
  const canWrite = found.data.access.level !== 'VIEW' && !found.data.access.breakGlass;
  const t = await getTranslations('relatives');

  return (
    <>
      <CaseHeader found={found.data} current="relatives" />
      <p>{t('intro')}</p>
      <RelativesManager caseId={caseId} relatives={read.data.relatives} canWrite={canWrite} relationships={RelationshipSchema.options} />
    </>
  );
}
