'use client';

import type { DisappearanceResponse } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
import { FormField } from '../../../../../components/form-field';
import { HistoricDateField, readHistoricDate } from '../../../../../components/historic-date-field';
import { ErrorNotice, MessageBox, type Message } from '../../../../../components/message-box';
import { callApi } from '../../../../../lib/api-client';
import { lazySchema } from '../../../../../lib/lazy-contracts';
import { optionalText, useRecordForm } from './record-form';
import styles from './records.module.css';

type Perpetrator = DisappearanceResponse['perpetrators'][number];
type Witness = DisappearanceResponse['witnesses'][number];

/** A list row: a stable key for React, and what it held when the form opened. */
interface Row<T> {
  key: number;
  initial: T | null;
}

let nextKey = 0;
const rowsOf = <T,>(items: T[]): Row<T>[] => items.map((initial) => ({ key: nextKey++, initial }));

export function DisappearanceForm({ caseId, record }: { caseId: string; record: DisappearanceResponse | null }) {
  const t = useTranslations('disappearance');
  const { errors, formError, sending, send, refresh } = useRecordForm({
    errorSummary: t('form.errorSummary'),
    stale: t('form.stale'),
    gone: t('form.gone'),
  });
  const [version, setVersion] = useState(record?.version);
  const [saved, setSaved] = useState<Message | null>(null);
  const [perpetrators, setPerpetrators] = useState(() => rowsOf<Perpetrator>(record?.perpetrators ?? []));
  const [witnesses, setWitnesses] = useState(() => rowsOf<Witness>(record?.witnesses ?? []));
  const formRef = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const body = {
      lastSeen: readHistoricDate(data, 'lastSeen'),
      lastSeenPlace: optionalText(data, 'lastSeenPlace'),
      circumstances: optionalText(data, 'circumstances'),
      perpetrators: perpetrators.map((_row, index) => ({
        agency: optionalText(data, `perpetrators.${index}.agency`),
        unit: optionalText(data, `perpetrators.${index}.unit`),
        vehicle: optionalText(data, `perpetrators.${index}.vehicle`),
        description: optionalText(data, `perpetrators.${index}.description`),
      })),
      witnesses: witnesses.map((_row, index) => ({
        name: String(data.get(`witnesses.${index}.name`) ?? ''),
        contact: optionalText(data, `witnesses.${index}.contact`),
        statement: optionalText(data, `witnesses.${index}.statement`),
      })),
      ...(version === undefined ? {} : { version }),
    };
    setSaved(null);
    const result = await send(form, () =>
      callApi(`/cases/${caseId}/disappearance`, lazySchema((contracts) => contracts.DisappearanceResponseSchema), { method: 'PUT', body }),
    );
    if (result) {
      setVersion(result.version);
      setSaved({ tone: 'success', text: t('form.saved') });
      refresh();
    }
  }

  const text = (name: string, label: string, options: { multiline?: boolean; hint?: string; defaultValue?: string | null } = {}) => (
    <FormField name={name} label={label} hint={options.hint} error={errors[name]}>
      {(control) =>
        options.multiline ? (
          <textarea {...control} dir="auto" defaultValue={options.defaultValue ?? ''} />
        ) : (
          <input {...control} type="text" dir="auto" autoComplete="off" defaultValue={options.defaultValue ?? ''} />
        )
      }
    </FormField>
  );

  return (
    <form ref={formRef} noValidate onSubmit={(event) => void submit(event)} aria-busy={sending}>
      <ErrorNotice message={formError} />
      {saved ? <MessageBox message={saved} /> : null}
      <HistoricDateField
        name="lastSeen"
        label={t('lastSeen')}
        value={record?.lastSeen ?? null}
        errors={{ from: errors['lastSeen.from'] ?? errors.lastSeen, to: errors['lastSeen.to'] }}
      />
      {text('lastSeenPlace', t('lastSeenPlace'), { defaultValue: record?.lastSeenPlace, hint: t('lastSeenPlaceHint') })}
      {text('circumstances', t('circumstances'), { multiline: true, defaultValue: record?.circumstances })}

      <fieldset>
        <legend>{t('perpetrators')}</legend>
        <p className="hint">{t('perpetratorsHint')}</p>
        {perpetrators.map((row, index) => (
          <fieldset key={row.key} className={styles.entry}>
            <legend>{t('perpetratorNumber', { number: index + 1 })}</legend>
            {text(`perpetrators.${index}.agency`, t('agency'), { defaultValue: row.initial?.agency })}
            {text(`perpetrators.${index}.unit`, t('unit'), { defaultValue: row.initial?.unit })}
            {text(`perpetrators.${index}.vehicle`, t('vehicle'), { defaultValue: row.initial?.vehicle })}
            {text(`perpetrators.${index}.description`, t('description'), { multiline: true, defaultValue: row.initial?.description })}
            <button type="button" className="secondary" onClick={() => setPerpetrators((rows) => rows.filter((other) => other.key !== row.key))}>
              {t('removePerpetrator', { number: index + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" className="secondary" onClick={() => setPerpetrators((rows) => [...rows, { key: nextKey++, initial: null }])}>
          {t('addPerpetrator')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('witnesses')}</legend>
        {witnesses.map((row, index) => (
          <fieldset key={row.key} className={styles.entry}>
            <legend>{t('witnessNumber', { number: index + 1 })}</legend>
            {text(`witnesses.${index}.name`, t('witnessName'), { defaultValue: row.initial?.name })}
            {text(`witnesses.${index}.contact`, t('witnessContact'), { defaultValue: row.initial?.contact })}
            {text(`witnesses.${index}.statement`, t('witnessStatement'), { multiline: true, defaultValue: row.initial?.statement })}
            <button type="button" className="secondary" onClick={() => setWitnesses((rows) => rows.filter((other) => other.key !== row.key))}>
              {t('removeWitness', { number: index + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" className="secondary" onClick={() => setWitnesses((rows) => [...rows, { key: nextKey++, initial: null }])}>
          {t('addWitness')}
        </button>
      </fieldset>

      <button type="submit" disabled={sending}>
        {sending ? t('form.saving') : t('form.save')}
      </button>
    </form>
  );
}
