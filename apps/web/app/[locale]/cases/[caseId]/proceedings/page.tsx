import {
  ForumKindListResponseSchema,
  ForumListResponseSchema,
  GrantListResponseSchema,
  ProceedingListResponseSchema,
  ProceedingStatusSchema,
  ProceedingTypeSchema,
  SessionResponseSchema,
} from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { Link } from '../../../../../i18n/navigation';
import { readFromApi } from '../../../../../lib/server-api';
import { ServiceUnavailable } from '../../../service-unavailable';
import { CaseHeader } from '../case-header';
import { readCase, readCaseId } from '../read-case';
import { ForumForm } from './forum-form';
import { ProceedingForm } from './proceeding-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('proceedings');
  return { title: t('title') };
}

export default async function CaseProceedingsPage({ params }: { params: Promise<{ caseId: string }> }) {
  const caseId = await readCaseId(params);
  const [found, proceedings, session] = await Promise.all([
    readCase(caseId),
    readFromApi(`/cases/${caseId}/proceedings`, ProceedingListResponseSchema),
    readFromApi('/auth/session', SessionResponseSchema),
  ]);
  if (found.kind === 'unavailable') return <ServiceUnavailable />;
  if (found.kind === 'notFound') notFound();
  if (proceedings.kind === 'unavailable') return <ServiceUnavailable />;
  if (proceedings.kind === 'notFound') notFound();

  const canContribute = found.data.access.level !== 'VIEW' && !found.data.access.breakGlass;
  const role = session.kind === 'ok' ? session.data.activeOrganization?.role : undefined;
  // Forums are the case organisation's; someone working in another organisation (an external
  // lawyer) reads the case but does not pick from this organisation's list.
  const ownOrganization = session.kind === 'ok' && session.data.activeOrganization?.organizationId === found.data.organizationId;
  const [forums, kinds, grants] = await Promise.all([
    canContribute && ownOrganization ? readFromApi('/forums', ForumListResponseSchema) : null,
    canContribute && ownOrganization ? readFromApi('/forum-kinds', ForumKindListResponseSchema) : null,
    // Counsel are chosen from the people holding a grant (their list needs MANAGE on the case).
    canContribute && found.data.access.level === 'MANAGE' ? readFromApi(`/cases/${caseId}/grants`, GrantListResponseSchema) : null,
  ]);
  const candidates =
    grants?.kind === 'ok'
      ? [...new Map(grants.data.items.filter((grant) => grant.kind === 'GRANT').map((grant) => [grant.userId, grant.userName])).entries()].map(
          ([userId, name]) => ({ userId, name }),
        )
      : [];

  const t = await getTranslations('proceedings');
  const locale = await getLocale();
  return (
    <>
      <CaseHeader found={found.data} current="proceedings" />
      <section className="page-section" aria-labelledby="proceedings-title">
        <h2 id="proceedings-title">{t('title')}</h2>
        {proceedings.data.items.length === 0 ? (
          <p>{t('empty')}</p>
        ) : (
          <ul className="cards">
            {proceedings.data.items.map((proceeding) => (
              <li key={proceeding.id} className="card">
                <h3>
                  <Link href={`/cases/${caseId}/proceedings/${proceeding.id}`}>
                    {t(`types.${proceeding.type}`)} — <bdi>{proceeding.forum.name}</bdi>
                  </Link>
                </h3>
                <dl className="facts">
                  <dt>{t('fields.caseNumber')}</dt>
                  <dd dir="auto">{proceeding.caseNumber ?? t('fields.notRecorded')}</dd>
                  <dt>{t('fields.status')}</dt>
                  <dd>{t(`statuses.${proceeding.status}`)}</dd>
                  <dt>{t('fields.forum')}</dt>
                  <dd>
                    {locale === 'ur' ? proceeding.forum.kind.nameUr : proceeding.forum.kind.nameEn}
                    {proceeding.forum.city ? <>, <bdi>{proceeding.forum.city}</bdi></> : null}
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canContribute && forums?.kind === 'ok' ? (
        <ProceedingForm
          caseId={caseId}
          forums={forums.data.items}
          counsel={candidates}
          proceedings={proceedings.data.items}
          types={ProceedingTypeSchema.options}
          statuses={ProceedingStatusSchema.options}
        />
      ) : null}
      {canContribute && kinds?.kind === 'ok' && (role === 'ORG_ADMIN' || role === 'CASEWORKER') ? <ForumForm kinds={kinds.data.items} /> : null}
    </>
  );
}
