import { HearingListResponseSchema, HearingOutcomeSchema, IdSchema, ProceedingDetailSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Link } from '../../../../../../i18n/navigation';
import { readFromApi } from '../../../../../../lib/server-api';
import { ServiceUnavailable } from '../../../../service-unavailable';
import { dateTimeFormat } from '../../../case-dates';
import styles from '../../../case-list.module.css';
import { CaseHeader } from '../../case-header';
import { readCase, readCaseId } from '../../read-case';
import { dayAsDate, hasTakenPlace, hearingTimeFormat } from '../hearing-time';
import { HearingForm } from './hearing-form';
import { OutcomeForm } from './outcome-form';
import { StatusForm } from './status-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('proceedings.detail');
  return { title: t('title') };
}

export default async function ProceedingPage({ params }: { params: Promise<{ caseId: string; proceedingId: string }> }) {
  const caseId = await readCaseId(params);
  const parsedId = IdSchema.safeParse((await params).proceedingId);
  if (!parsedId.success) notFound();
  const proceedingId = parsedId.data;
  const [found, proceeding, hearings] = await Promise.all([
    readCase(caseId),
    readFromApi(`/cases/${caseId}/proceedings/${proceedingId}`, ProceedingDetailSchema),
    readFromApi(`/cases/${caseId}/proceedings/${proceedingId}/hearings`, HearingListResponseSchema),
  ]);
  if (found.kind === 'unavailable') return <ServiceUnavailable />;
  if (found.kind === 'notFound') notFound();
  if (proceeding.kind === 'unavailable') return <ServiceUnavailable />;
  if (proceeding.kind === 'notFound') notFound();
  if (hearings.kind === 'unavailable') return <ServiceUnavailable />;
  if (hearings.kind === 'notFound') notFound();

  const t = await getTranslations('proceedings');
  const th = await getTranslations('hearings');
  const format = await getFormatter();
  const locale = await getLocale();
  const p = proceeding.data;
  const canContribute = found.data.access.level !== 'VIEW' && !found.data.access.breakGlass;
  const day = (value: string) => format.dateTime(dayAsDate(value), { dateStyle: 'medium', timeZone: 'UTC' });

  return (
    <>
      <CaseHeader found={found.data} current="proceedings" />
      <p>
        <Link href={`/cases/${caseId}/proceedings`}>{t('detail.back')}</Link>
      </p>
      <section className="page-section" aria-labelledby="proceeding-title">
        <h2 id="proceeding-title">
          {t(`types.${p.type}`)} — <bdi>{p.forum.name}</bdi>
        </h2>
        <dl className="facts">
          <dt>{t('fields.status')}</dt>
          <dd>{t(`statuses.${p.status}`)}</dd>
          <dt>{t('fields.caseNumber')}</dt>
          <dd dir="auto">{p.caseNumber ?? t('fields.notRecorded')}</dd>
          <dt>{t('fields.forum')}</dt>
          <dd>
            <bdi>{p.forum.name}</bdi>
            {p.forum.city ? <>, <bdi>{p.forum.city}</bdi></> : null}
            {p.forum.bench ? <>, <bdi>{p.forum.bench}</bdi></> : null} ({locale === 'ur' ? p.forum.kind.nameUr : p.forum.kind.nameEn})
          </dd>
          <dt>{t('fields.filed')}</dt>
          <dd dir="ltr">{p.filed ? (p.filed.to ? `${p.filed.from} – ${p.filed.to}` : p.filed.from) : t('fields.notRecorded')}</dd>
          <dt>{t('fields.counsel')}</dt>
          <dd>{p.counsel.length > 0 ? format.list(p.counsel.map((counsel) => counsel.displayName)) : t('fields.noCounsel')}</dd>
          <dt>{t('fields.respondents')}</dt>
          <dd dir="auto">{p.respondents ?? t('fields.notRecorded')}</dd>
          <dt>{t('fields.reliefSought')}</dt>
          <dd dir="auto">{p.reliefSought ?? t('fields.notRecorded')}</dd>
          {p.appealsProceedingId ? (
            <>
              <dt>{t('fields.appeals')}</dt>
              <dd>
                <Link href={`/cases/${caseId}/proceedings/${p.appealsProceedingId}`}>{t('open')}</Link>
              </dd>
            </>
          ) : null}
          {p.transferredFromId ? (
            <>
              <dt>{t('fields.transferredFrom')}</dt>
              <dd>
                <Link href={`/cases/${caseId}/proceedings/${p.transferredFromId}`}>{t('open')}</Link>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="page-section" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('detail.timelineTitle')}</h2>
        <ol className={styles.timeline}>
          {p.statusChanges.map((change) => (
            <li key={change.id}>
              <h3>
                {change.fromStatus === null
                  ? t('detail.opened', { status: t(`statuses.${change.toStatus}`) })
                  : t('detail.changed', { from: t(`statuses.${change.fromStatus}`), to: t(`statuses.${change.toStatus}`) })}
              </h3>
              <dl className="facts">
                <dt>{t('detail.effective')}</dt>
                <dd>
                  <time dateTime={change.effectiveOn}>{day(change.effectiveOn)}</time>
                </dd>
                <dt>{t('detail.recorded')}</dt>
                <dd>
                  <time dateTime={change.createdAt}>{format.dateTime(new Date(change.createdAt), dateTimeFormat)}</time>
                </dd>
                {change.note ? (
                  <>
                    <dt>{t('detail.note')}</dt>
                    <dd dir="auto">{change.note}</dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ol>
      </section>
      {canContribute ? <StatusForm caseId={caseId} proceedingId={p.id} allowed={p.allowedNextStatuses} version={p.version} /> : null}

      <section className="page-section" aria-labelledby="hearings-title">
        <h2 id="hearings-title">{th('title')}</h2>
        {hearings.data.items.length === 0 ? (
          <p>{th('empty')}</p>
        ) : (
          <ol className="cards">
            {hearings.data.items.map((hearing) => {
              const past = hasTakenPlace(hearing.scheduledAt);
              return (
                <li key={hearing.id} id={`hearing-${hearing.id}`} className="card">
                  <h3>
                    <time dateTime={hearing.scheduledAt}>{format.dateTime(new Date(hearing.scheduledAt), hearingTimeFormat(hearing.timeZone))}</time>
                  </h3>
                  <p className="hint">{th('zone', { zone: hearing.timeZone })}</p>
                  <dl className="facts">
                    {hearing.courtRoom ? (
                      <>
                        <dt>{th('courtRoom')}</dt>
                        <dd dir="auto">{hearing.courtRoom}</dd>
                      </>
                    ) : null}
                    {hearing.bench ? (
                      <>
                        <dt>{th('bench')}</dt>
                        <dd dir="auto">{hearing.bench}</dd>
                      </>
                    ) : null}
                    {hearing.judge ? (
                      <>
                        <dt>{th('judge')}</dt>
                        <dd dir="auto">{hearing.judge}</dd>
                      </>
                    ) : null}
                    {hearing.purpose ? (
                      <>
                        <dt>{th('purpose')}</dt>
                        <dd dir="auto">{hearing.purpose}</dd>
                      </>
                    ) : null}
                    <dt>{th('outcome')}</dt>
                    <dd>{hearing.outcome ? th(`outcomes.${hearing.outcome}`) : th('noOutcome')}</dd>
                    {hearing.orderSummary ? (
                      <>
                        <dt>{th('orderSummary')}</dt>
                        <dd dir="auto">{hearing.orderSummary}</dd>
                      </>
                    ) : null}
                    {hearing.nextHearingId ? (
                      <>
                        <dt>{th('nextHearing')}</dt>
                        <dd>
                          <a href={`#hearing-${hearing.nextHearingId}`}>{th('when')}</a>
                        </dd>
                      </>
                    ) : null}
                  </dl>
                  {canContribute && past ? (
                    <OutcomeForm caseId={caseId} hearing={hearing} outcomes={HearingOutcomeSchema.options} />
                  ) : canContribute && !hearing.outcome ? (
                    <p className="hint">{th('record.notYet')}</p>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>
      {canContribute ? <HearingForm caseId={caseId} proceedingId={p.id} timeZone={p.forum.timeZone} /> : null}
    </>
  );
}
