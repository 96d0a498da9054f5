import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ServiceUnavailable } from '../../../service-unavailable';
import { CaseHeader } from '../case-header';
import { readCase, readCaseId } from '../read-case';
import { AuditTimeline } from './audit-timeline';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auditTrail.case');
  return { title: t('title') };
}

/** Who looked at or changed this case, and when: for everyone who may read the case. */
export default async function CaseAuditPage({ params }: { params: Promise<{ caseId: string }> }) {
  const caseId = await readCaseId(params);
  const found = await readCase(caseId);
  if (found.kind === 'unavailable') return <ServiceUnavailable />;
  if (found.kind === 'notFound') notFound();
  const t = await getTranslations('auditTrail.case');
  return (
    <>
      <CaseHeader found={found.data} current="audit" />
      <h2>{t('title')}</h2>
      <p>{t('intro')}</p>
      <AuditTimeline path={`/cases/${caseId}/audit`} query={{}} />
    </>
  );
}
