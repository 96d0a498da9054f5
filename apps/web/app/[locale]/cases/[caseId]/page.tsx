import { AssignableCaseworkersResponseSchema, CaseStatusSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ServiceUnavailable } from '../../service-unavailable';
import { dateTimeFormat } from '../case-dates';
import { CaseTags } from '../case-tags';
import styles from '../cases.module.css';
import { mayOpenCases, readActiveRole, type ActiveRole } from '../active-role';
import { readFromApi } from '../../../../lib/server-api';
import { BreakGlassForm } from './break-glass-form';
import { CaseDeletion } from './case-deletion';
import { CaseEditForm } from './case-edit-form';
import { CaseExportLinks } from './case-export-links';
import { CaseHeader } from './case-header';
import { StatusChangeForm } from './status-change-form';
import { StatusHistory } from './status-history';
import { readCase, readCaseId } from './read-case';

// A generic title: browser history on a shared phone should not list which cases were opened.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases.case');
  return { title: t('title') };
}

export default async function CasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const caseId = await readCaseId(params);
  const [found, role] = await Promise.all([readCase(caseId), readActiveRole()]);
  if (found.kind === 'unavailable') return <ServiceUnavailable />;
  if (found.kind === 'notFound') return <CaseNotAvailable caseId={caseId} role={role} />;

  const t = await getTranslations('cases');
  const tLevels = await getTranslations('caseAccess.levels');
  const format = await getFormatter();
  const { data } = found;
  // The names of the organisation's caseworkers, for the history and the assignment (only those
  // who open cases may list them; everyone else sees "a member of the organisation").
  const caseworkers =
    role !== 'unavailable' && mayOpenCases(role) ? await readFromApi('/cases/caseworkers', AssignableCaseworkersResponseSchema) : null;
  const people = caseworkers?.kind === 'ok' ? caseworkers.data.items : null;
  const names = new Map((people ?? []).map((person) => [person.id, person.displayName]));
  const canContribute = !data.access.breakGlass && data.access.level !== 'VIEW';
  const canManage = !data.access.breakGlass && data.access.level === 'MANAGE';
  return (
    <>
      <CaseHeader found={data} current="overview" />
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd>{t(`statuses.${data.status}`)}</dd>
        <dt>{t('tags')}</dt>
        <dd>
          <CaseTags tags={data.tags} />
        </dd>
        <dt>{t('opened')}</dt>
        <dd>
          <time dateTime={data.createdAt}>{format.dateTime(new Date(data.createdAt), dateTimeFormat)}</time>
        </dd>
        <dt>{t('updated')}</dt>
        <dd>
          <time dateTime={data.updatedAt}>{format.dateTime(new Date(data.updatedAt), dateTimeFormat)}</time>
        </dd>
        <dt>{t('case.yourAccess')}</dt>
        <dd>
          {data.access.breakGlass ? t('case.breakGlassAccess') : tLevels(`${data.access.level}.label`)}
        </dd>
      </dl>
      <StatusHistory history={data.statusHistory} names={names} />
      {canContribute ? <StatusChangeForm caseId={data.id} current={data.status} version={data.version} statuses={CaseStatusSchema.options} /> : null}
      {canManage ? (
        <CaseEditForm
          caseId={data.id}
          version={data.version}
          tags={data.tags}
          assignedCaseworkerId={data.assignedCaseworkerId}
          caseworkers={people}
        />
      ) : null}
      <CaseExportLinks found={data} />
      <CaseDeletion caseId={caseId} role={role} />
    </>
  );
}

/**
 * The same answer whether the case does not exist or is not the viewer's. A caseworker may still
 * open a case of their organisation in an emergency; the API refuses any other case the same way.
 */
async function CaseNotAvailable({ caseId, role }: { caseId: string; role: ActiveRole | 'unavailable' }) {
  if (role === 'unavailable') return <ServiceUnavailable />;
  if (role !== 'CASEWORKER') notFound();
  const t = await getTranslations('cases');
  return (
    <>
      <h1>{t('notAvailable.title')}</h1>
      <p>{t('notAvailable.body')}</p>
      <section className="page-section" aria-labelledby="break-glass-heading">
        <h2 id="break-glass-heading">{t('breakGlass.title')}</h2>
        <p>{t('breakGlass.intro')}</p>
        <ul className={styles.conditions}>
          <li>{t('breakGlass.readOnly')}</li>
          <li>{t('breakGlass.timeBoxed')}</li>
          <li>{t('breakGlass.recorded')}</li>
          <li>{t('breakGlass.managersTold')}</li>
        </ul>
        <BreakGlassForm caseId={caseId} />
      </section>
    </>
  );
}
