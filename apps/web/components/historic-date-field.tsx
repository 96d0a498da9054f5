'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import styles from './historic-date-field.module.css';

/** A historic date as the API sends and takes it: each end `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export interface HistoricDateValue {
  from: string;
  to: string | null;
}

interface HistoricDateFieldProps {
  /** Input names are `<name>.from`, `<name>.to` and `<name>.range`; field errors use the same paths. */
  name: string;
  label: string;
  value?: HistoricDateValue | null;
  /** Messages for the start and the end (e.g. the API's `lastSeen.from` and `lastSeen.to`). */
  errors?: { from?: string; to?: string };
  required?: boolean;
}

/**
 * An uncertain date: a year, a month, a day, or "between … and …". One partial-date input, and a
 * second one for the end when "this is a range" is ticked. Dates are always written left to right.
 */
export function HistoricDateField({ name, label, value, errors, required }: HistoricDateFieldProps) {
  const t = useTranslations('historicDate');
  const id = useId();
  const [range, setRange] = useState(Boolean(value?.to));
  const hintId = `${id}-hint`;
  const describe = (error: string | undefined, errorId: string) => [hintId, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      <span id={hintId} className="hint">
        {t('hint')}
      </span>
      <div className={styles.ends}>
        <div className={styles.end}>
          <label htmlFor={`${id}-from`}>{range ? t('from') : t('date')}</label>
          {errors?.from ? (
            <span id={`${id}-from-error`} className={styles.error}>
              {errors.from}
            </span>
          ) : null}
          <input
            id={`${id}-from`}
            name={`${name}.from`}
            type="text"
            inputMode="numeric"
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            defaultValue={value?.from ?? ''}
            required={required}
            aria-invalid={errors?.from ? true : undefined}
            aria-describedby={describe(errors?.from, `${id}-from-error`)}
          />
        </div>
        {range ? (
          <div className={styles.end}>
            <label htmlFor={`${id}-to`}>{t('to')}</label>
            {errors?.to ? (
              <span id={`${id}-to-error`} className={styles.error}>
                {errors.to}
              </span>
            ) : null}
            <input
              id={`${id}-to`}
              name={`${name}.to`}
              type="text"
              inputMode="numeric"
              dir="ltr"
              autoComplete="off"
              spellCheck={false}
              defaultValue={value?.to ?? ''}
              aria-invalid={errors?.to ? true : undefined}
              aria-describedby={describe(errors?.to, `${id}-to-error`)}
            />
          </div>
        ) : null}
      </div>
      <label className={styles.toggle}>
        <input type="checkbox" name={`${name}.range`} checked={range} onChange={(event) => setRange(event.target.checked)} />
        {t('isRange')}
      </label>
    </fieldset>
  );
}

/**
 * The date a HistoricDateField holds in a submitted form: null when its start is empty, the end
 * only while "this is a range" is ticked. Validation is left to the shared schema.
 */
export function readHistoricDate(form: FormData, name: string): HistoricDateValue | null {
  const from = String(form.get(`${name}.from`) ?? '').trim();
  const to = String(form.get(`${name}.to`) ?? '').trim();
  if (from === '') return null;
  return { from, to: form.get(`${name}.range`) !== null && to !== '' ? to : null };
}
