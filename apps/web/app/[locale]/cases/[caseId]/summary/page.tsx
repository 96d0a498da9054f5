import './summary-print.css';
import {
  CaseSummaryResponseSchema,
  type DiaryEntryResponse,
  type DisappearanceResponse,
  type Hearing,
  type MissingPersonResponse,
  type Proceeding,
} from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Link } from '../../../../../i18n/navigation';
import { readFromApi } from '../../../../../lib/server-api';
import { ServiceUnavailable } from '../../../service-unavailable';
import { dateFormat, dateTimeFormat } from '../../case-dates';
import { historicDateText } from '../disappearance/historic-date-text';
import { hearingTimeFormat } from '../proceedings/hearing-time';
import { readCaseId } from '../read-case';
import { PrintButton } from './print-button';

/** The summary shows the latest diary entries only: a printout is for a hearing, not an archive. */
const DIARY_ENTRIES = 50;

// A generic title: browser history (and a printout's header) should not say which case this is.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('caseSummary');
  return { title: t('title') };
}

export default async function CaseSummaryPage({ params }: { params: Promise<{ caseId: string }> }) {
  const caseId = await readCaseId(params);
  const read = await readFromApi(`/cases/${caseId}/summary`, CaseSummaryResponseSchema, `?diaryLimit=${DIARY_ENTRIES}`);
  if (read.kind === 'unavailable') return <ServiceUnavailable />;
  if (read.kind === 'notFound') notFound();
  const { person, disappearance, proceedings, diary } = read.data;

  const t = await getTranslations('caseSummary');
  const tCases = await getTranslations('cases');
  const format = await getFormatter();
  const data = read.data.case;

  return (
    <article className="case-summary">
      <div className="summary-toolbar">
        <PrintButton />
        <Link href={`/cases/${caseId}`}>{t('backToCase')}</Link>
      </div>
      <h1>
        {t('heading')}{' '}
        <bdi dir="ltr">{data.reference}</bdi>
      </h1>
      <p className="summary-confidential">{t('confidential')}</p>
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd>{tCases(`statuses.${data.status}`)}</dd>
        <dt>{t('opened')}</dt>
        <dd>
          <time dateTime={data.createdAt}>{format.dateTime(new Date(data.createdAt), dateFormat)}</time>
        </dd>
        <dt>{t('printed')}</dt>
        <dd>{format.dateTime(new Date(), dateTimeFormat)}</dd>
      </dl>

      <SummarySection id="summary-person" heading={t('person.heading')}>
        {person ? <PersonFacts person={person} /> : <p>{t('person.none')}</p>}
      </SummarySection>
      <SummarySection id="summary-disappearance" heading={t('disappearance.heading')}>
        {disappearance ? <DisappearanceFacts record={disappearance} /> : <p>{t('disappearance.none')}</p>}
      </SummarySection>
      <SummarySection id="summary-proceedings" heading={t('proceedings.heading')}>
        {proceedings.length > 0 ? (
          proceedings.map(({ proceeding, hearings }) => (
            <ProceedingFacts key={proceeding.id} proceeding={proceeding} hearings={hearings} />
          ))
        ) : (
          <p>{t('proceedings.none')}</p>
        )}
      </SummarySection>
      <SummarySection id="summary-diary" heading={t('diary.heading')}>
        {diary.entries.length > 0 ? (
          <DiaryEntries entries={diary.entries} more={diary.nextCursor !== null} />
        ) : (
          <p>{t('diary.none')}</p>
        )}
      </SummarySection>
    </article>
  );
}

function SummarySection({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section className="page-section summary-section" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {children}
    </section>
  );
}

/** A value as typed (either script), or "not recorded". */
async function Value({ value }: { value: string | null | undefined }) {
  const t = await getTranslations('caseSummary');
  return value ? <span dir="auto">{value}</span> : <>{t('notRecorded')}</>;
}

async function PersonFacts({ person }: { person: MissingPersonResponse }) {
  const t = await getTranslations('caseSummary.person');
  const tSexes = await getTranslations('person.sexes');
  return (
    <dl className="facts">
      <dt>{t('fullNameNative')}</dt>
      <dd>
        <Value value={person.fullNameNative} />
      </dd>
      <dt>{t('fullNameLatin')}</dt>
      <dd>
        <Value value={person.fullNameLatin} />
      </dd>
      <dt>{t('aliases')}</dt>
      <dd>
        <Value value={person.aliases.join('، ')} />
      </dd>
      <dt>{t('guardianName')}</dt>
      <dd>
        <Value value={person.guardianName} />
      </dd>
      <dt>{t('sex')}</dt>
      <dd>{tSexes(person.sex)}</dd>
      <dt>{t('dateOfBirth')}</dt>
      <dd>{person.dateOfBirth ? <bdi dir="ltr">{historicDateText(person.dateOfBirth)}</bdi> : <Value value={null} />}</dd>
      <dt>{t('nationalId')}</dt>
      <dd>{person.nationalId ? <bdi dir="ltr">{person.nationalId}</bdi> : <Value value={null} />}</dd>
      <dt>{t('phones')}</dt>
      <dd>{person.phones.length > 0 ? <bdi dir="ltr">{person.phones.join(', ')}</bdi> : <Value value={null} />}</dd>
      <dt>{t('addresses')}</dt>
      <dd>
        {person.addresses.length > 0 ? (
          <ul>
            {person.addresses.map((address, index) => (
              <li key={index} dir="auto">
                {address.text}
              </li>
            ))}
          </ul>
        ) : (
          <Value value={null} />
        )}
      </dd>
      <dt>{t('occupation')}</dt>
      <dd>
        <Value value={person.occupation} />
      </dd>
      <dt>{t('physicalDescription')}</dt>
      <dd className="summary-text">
        <Value value={person.physicalDescription} />
      </dd>
    </dl>
  );
}

async function DisappearanceFacts({ record }: { record: DisappearanceResponse }) {
  const t = await getTranslations('caseSummary.disappearance');
  const perpetrators = record.perpetrators
    .map((perpetrator) => [perpetrator.agency, perpetrator.unit, perpetrator.vehicle, perpetrator.description].filter(Boolean).join(' · '))
    .filter((text) => text !== '');
  return (
    <dl className="facts">
      <dt>{t('lastSeen')}</dt>
      <dd>{record.lastSeen ? <bdi dir="ltr">{historicDateText(record.lastSeen)}</bdi> : <Value value={null} />}</dd>
      <dt>{t('lastSeenPlace')}</dt>
      <dd>
        <Value value={record.lastSeenPlace} />
      </dd>
      <dt>{t('circumstances')}</dt>
      <dd className="summary-text">
        <Value value={record.circumstances} />
      </dd>
      <dt>{t('perpetrators')}</dt>
      <dd>
        {perpetrators.length > 0 ? (
          <ul>
            {perpetrators.map((text, index) => (
              <li key={index} dir="auto">
                {text}
              </li>
            ))}
          </ul>
        ) : (
          <Value value={null} />
        )}
      </dd>
    </dl>
  );
}

async function ProceedingFacts({ proceeding, hearings }: { proceeding: Proceeding; hearings: Hearing[] }) {
  const t = await getTranslations('caseSummary.proceedings');
  const tTypes = await getTranslations('proceedings.types');
  const tStatuses = await getTranslations('proceedings.statuses');
  const tOutcomes = await getTranslations('hearings.outcomes');
  const format = await getFormatter();
  return (
    <div className="summary-item">
      <h3 dir="auto">{[proceeding.forum.name, proceeding.forum.city].filter(Boolean).join(', ')}</h3>
      <dl className="facts">
        <dt>{t('type')}</dt>
        <dd>{tTypes(proceeding.type)}</dd>
        <dt>{t('caseNumber')}</dt>
        <dd>
          <Value value={proceeding.caseNumber} />
        </dd>
        <dt>{t('status')}</dt>
        <dd>{tStatuses(proceeding.status)}</dd>
        <dt>{t('filed')}</dt>
        <dd>{proceeding.filed ? <bdi dir="ltr">{historicDateText(proceeding.filed)}</bdi> : <Value value={null} />}</dd>
      </dl>
      <h4>{t('hearings')}</h4>
      {hearings.length > 0 ? (
        <ul>
          {hearings.map((hearing) => (
            <li key={hearing.id} className="summary-text">
              <time dateTime={hearing.scheduledAt}>{format.dateTime(new Date(hearing.scheduledAt), hearingTimeFormat(hearing.timeZone))}</time>
              {hearing.purpose ? (
                <>
                  {' — '}
                  <span dir="auto">{hearing.purpose}</span>
                </>
              ) : null}
              {hearing.outcome ? ` — ${t('outcome')}: ${tOutcomes(hearing.outcome)}` : null}
              {hearing.orderSummary ? (
                <>
                  {` — ${t('order')}: `}
                  <span dir="auto">{hearing.orderSummary}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noHearings')}</p>
      )}
    </div>
  );
}

async function DiaryEntries({ entries, more }: { entries: DiaryEntryResponse[]; more: boolean }) {
  const t = await getTranslations('caseSummary.diary');
  const tKinds = await getTranslations('diary.kinds');
  return (
    <>
      {more ? <p>{t('latestOnly', { count: DIARY_ENTRIES })}</p> : null}
      {entries.map((entry) => (
        <div key={entry.id} className="summary-item">
          <h3>
            <bdi dir="ltr">{historicDateText(entry.occurred)}</bdi> · {tKinds(entry.kind)}
          </h3>
          <p className="summary-text" dir="auto">
            {entry.body}
          </p>
        </div>
      ))}
    </>
  );
}
