import { DisappearanceResponseSchema, type DisappearanceResponse } from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { readFromApi } from '../../../../../lib/server-api';
import { ServiceUnavailable } from '../../../service-unavailable';
import { CaseHeader } from '../case-header';
import { readCase, readCaseId } from '../read-case';
import { DisappearanceForm } from './disappearance-form';
import { historicDateText } from './historic-date-text';
import styles from './records.module.css';

// A generic title: browser history on a shared phone should not say which case was opened.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('disappearance');
  return { title: t('title') };
}

export default async function DisappearancePage({ params }: { params: Promise<{ caseId: string }> }) {
  const caseId = await readCaseId(params);
  const [found, read] = await Promise.all([readCase(caseId), readFromApi(`/cases/${caseId}/disappearance`, DisappearanceResponseSchema)]);
  if (found.kind === 'unavailable') return <ServiceUnavailable />;
  if (found.kind === 'notFound') notFound();
  if (read.kind === 'unavailable') return <ServiceUnavailable />;
  // Nothing recorded yet answers 404 too: the case itself was readable just now.
  const record = read.kind === 'ok' ? read.data : null;
  const canWrite = found.data.access.level !== 'VIEW' && !found.data.access.breakGlass;
  const t = await getTranslations('disappearance');

  return (
    <>
      <CaseHeader found={found.data} current="disappearance" />
      <section className="page-section" aria-labelledby="disappearance-heading">
        <h2 id="disappearance-heading">{t('heading')}</h2>
        {record ? <DisappearanceFacts record={record} /> : <p>{t('none')}</p>}
      </section>
      {canWrite ? (
        <section className="page-section" aria-labelledby="disappearance-edit-heading">
          <h2 id="disappearance-edit-heading">{record ? t('editHeading') : t('createHeading')}</h2>
          <DisappearanceForm caseId={caseId} record={record} />
        </section>
      ) : null}
    </>
  );
}

async function DisappearanceFacts({ record }: { record: DisappearanceResponse }) {
  const t = await getTranslations('disappearance');
  const unknown = t('unknown');
  return (
    <>
      <dl className="facts">
        <dt>{t('lastSeen')}</dt>
        <dd>{record.lastSeen ? <bdi dir="ltr">{historicDateText(record.lastSeen)}</bdi> : unknown}</dd>
        <dt>{t('lastSeenPlace')}</dt>
        <dd dir="auto">{record.lastSeenPlace ?? unknown}</dd>
      </dl>
      <h3>{t('circumstances')}</h3>
      <p className={styles.body} dir="auto">
        {record.circumstances ?? unknown}
      </p>
      <h3>{t('perpetrators')}</h3>
      {record.perpetrators.length === 0 ? (
        <p>{unknown}</p>
      ) : (
        <ul className="cards">
          {record.perpetrators.map((entry, index) => (
            <li key={index} className="card">
              <dl className="facts">
                <dt>{t('agency')}</dt>
                <dd dir="auto">{entry.agency ?? unknown}</dd>
                <dt>{t('unit')}</dt>
                <dd dir="auto">{entry.unit ?? unknown}</dd>
                <dt>{t('vehicle')}</dt>
                <dd dir="auto">{entry.vehicle ?? unknown}</dd>
              </dl>
              {entry.description ? (
                <p className={styles.body} dir="auto">
                  {entry.description}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('witnesses')}</h3>
      {record.witnesses.length === 0 ? (
        <p>{t('noWitnesses')}</p>
      ) : (
        <ul className="cards">
          {record.witnesses.map((witness, index) => (
            <li key={index} className="card">
              <h4 dir="auto">{witness.name}</h4>
              {witness.contact ? (
                <p className={styles.meta} dir="auto">
                  {witness.contact}
                </p>
              ) : null}
              {witness.statement ? (
                <p className={styles.body} dir="auto">
                  {witness.statement}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
