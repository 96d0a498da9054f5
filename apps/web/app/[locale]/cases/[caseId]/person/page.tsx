import { AddressKindSchema, MissingPersonResponseSchema, SexSchema, type MissingPersonResponse } from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { readFromApi } from '../../../../../lib/server-api';
import { ServiceUnavailable } from '../../../service-unavailable';
import { CaseHeader } from '../case-header';
import { readCase, readCaseId } from '../read-case';
import { PersonForm } from './person-form';
import { PersonPhotos } from './person-photos';

// A generic title: browser history on a shared phone should not list whose record was opened.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('person');
  return { title: t('title') };
}

export default async function PersonPage({ params }: { params: Promise<{ caseId: string }> }) {
  const caseId = await readCaseId(params);
  const [found, person] = await Promise.all([readCase(caseId), readFromApi(`/cases/${caseId}/person`, MissingPersonResponseSchema)]);
  if (found.kind === 'unavailable') return <ServiceUnavailable />;
  if (found.kind === 'notFound') notFound();
  if (person.kind === 'unavailable') return <ServiceUnavailable />;
  const record = person.kind === 'ok' ? person.data : null;
  const { data } = found;
  const canContribute = !data.access.breakGlass && data.access.level !== 'VIEW';
  const t = await getTranslations('person');

  return (
    <>
      <CaseHeader found={data} current="person" />
      {record ? <PersonView person={record} /> : <p className="notice">{t('notRecorded')}</p>}
      {record ? <PersonPhotos caseId={caseId} canContribute={canContribute} /> : null}
      {canContribute ? (
        <PersonForm caseId={caseId} person={record} sexes={SexSchema.options} addressKinds={AddressKindSchema.options} />
      ) : record ? <p>{t('readOnly')}</p> : null}
    </>
  );
}

async function PersonView({ person }: { person: MissingPersonResponse }) {
  const t = await getTranslations('person');
  const none = <span className="hint">{t('notGiven')}</span>;
  const text = (value: string | null, dir: 'auto' | 'ltr' | 'rtl' = 'auto') => (value ? <span dir={dir}>{value}</span> : none);
  const list = (values: string[], dir: 'auto' | 'ltr' = 'auto') =>
    values.length === 0 ? (
      none
    ) : (
      <ul>
        {values.map((value, index) => (
          <li key={index} dir={dir}>
            {value}
          </li>
        ))}
      </ul>
    );
  const dateOfBirth = person.dateOfBirth
    ? person.dateOfBirth.to
      ? `${person.dateOfBirth.from} – ${person.dateOfBirth.to}`
      : person.dateOfBirth.from
    : null;
  return (
    <section className="page-section" aria-labelledby="person-view-title">
      <h2 id="person-view-title">{t('viewTitle')}</h2>
      <dl className="facts">
        <dt>{t('fullNameNative')}</dt>
        <dd lang="ur">{text(person.fullNameNative, 'rtl')}</dd>
        <dt>{t('fullNameLatin')}</dt>
        <dd>{text(person.fullNameLatin, 'ltr')}</dd>
        <dt>{t('aliases')}</dt>
        <dd>{list(person.aliases)}</dd>
        <dt>{t('guardianName')}</dt>
        <dd>
          {text(person.guardianName)}
          {person.guardianRelation ? ` (${t(`relations.${person.guardianRelation}`)})` : null}
        </dd>
        <dt>{t('sex')}</dt>
        <dd>{t(`sexes.${person.sex}`)}</dd>
        <dt>{t('dateOfBirth')}</dt>
        <dd>{text(dateOfBirth, 'ltr')}</dd>
        <dt>{t('nationalId')}</dt>
        <dd>{person.nationalId ? <span dir="ltr">{`${person.nationalId} (${person.nationalIdCountry ?? ''})`}</span> : none}</dd>
        <dt>{t('phones')}</dt>
        <dd>{list(person.phones, 'ltr')}</dd>
        <dt>{t('addresses')}</dt>
        <dd>{list(person.addresses.map((address) => `${t(`addressKinds.${address.kind}`)}: ${address.text}`))}</dd>
        <dt>{t('occupation')}</dt>
        <dd>{text(person.occupation)}</dd>
        <dt>{t('physicalDescription')}</dt>
        <dd>{text(person.physicalDescription)}</dd>
      </dl>
    </section>
  );
}
