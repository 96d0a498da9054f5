import { GrantLevelSchema, GrantListResponseSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ServiceUnavailable } from '../../../service-unavailable';
import { dateTimeFormat } from '../../case-dates';
import { readFromApi } from '../../../../../lib/server-api';
import { CaseHeader } from '../case-header';
import { readCase, readCaseId } from '../read-case';
import { GrantManager, type GrantView } from './grant-manager';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('caseAccess');
  return { title: t('title') };
}

export default async function CaseAccessPage({ params }: { params: Promise<{ caseId: string }> }) {
  const caseId = await readCaseId(params);
  const found = await readCase(caseId);
  if (found.kind === 'unavailable') return <ServiceUnavailable />;
  // Not asking for the grants when the case already says the viewer cannot manage them.
  if (found.kind === 'notFound' || found.data.access.level !== 'MANAGE') notFound();
  const grants = await readFromApi(`/cases/${caseId}/grants`, GrantListResponseSchema);
  if (grants.kind === 'unavailable') return <ServiceUnavailable />;
  if (grants.kind === 'notFound') notFound();

  const t = await getTranslations('caseAccess');
  // Dates are formatted here, once, so the browser shows exactly what the server rendered.
  const format = await getFormatter();
  const when = (iso: string) => ({ iso, text: format.dateTime(new Date(iso), dateTimeFormat) });
  const views: GrantView[] = grants.data.items.map((grant) => ({
    id: grant.id,
    userName: grant.userName,
    level: grant.level,
    kind: grant.kind,
    expires: grant.expiresAt ? when(grant.expiresAt) : null,
    granted: when(grant.createdAt),
  }));

  return (
    <>
      <CaseHeader found={found.data} current="access" />
      <p>{t('intro')}</p>
      <GrantManager caseId={caseId} grants={views} levels={GrantLevelSchema.options} />
    </>
  );
}
