'use client';

import type { AddressKind, DuplicateWarning, MissingPersonResponse, PersonAddress, Sex } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
import { useRouter } from '../../../../../i18n/navigation';
import { useFormErrors } from '../../../../../components/form-errors';
import { FormField, TextField } from '../../../../../components/form-field';
import { HistoricDateField, readHistoricDate } from '../../../../../components/historic-date-field';
import { ErrorNotice, MessageBox, type Message } from '../../../../../components/message-box';
import { callApi } from '../../../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../../../lib/lazy-contracts';
import { signInPath } from '../../../../../lib/api-error';
import { apiFieldText } from '../../api-field-text';
import styles from '../../case-list.module.css';
import { DuplicateWarningBox } from './duplicate-warning';

const FIELDS = [
  'fullNameNative',
  'fullNameLatin',
  'aliases',
  'guardianName',
  'guardianRelation',
  'sex',
  'dateOfBirth.from',
  'dateOfBirth.to',
  'nationalIdCountry',
  'nationalId',
  'phones',
  'addresses',
  'occupation',
  'physicalDescription',
] as const;
type Field = (typeof FIELDS)[number];

/** Where an API or schema path's message is shown: the date's two ends apart, lists as a whole. */
function fieldOf(path: readonly PropertyKey[] | string): Field {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  if (parts[0] === 'dateOfBirth') return parts[1] === 'to' ? 'dateOfBirth.to' : 'dateOfBirth.from';
  return (FIELDS as readonly string[]).includes(parts[0] ?? '') ? (parts[0] as Field) : 'fullNameNative';
}

const lines = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * The missing person's record, edited whole; warns of possible duplicates before and after saving.
 * `sexes` and `addressKinds`: every value, in order (SexSchema.options, AddressKindSchema.options).
 */
export function PersonForm({
  caseId,
  person,
  sexes,
  addressKinds,
}: {
  caseId: string;
  person: MissingPersonResponse | null;
  sexes: readonly Sex[];
  addressKinds: readonly AddressKind[];
}) {
  const t = useTranslations('person');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const { fieldErrors, formError, showErrors, clearErrors } = useFormErrors(FIELDS);
  const [busy, setBusy] = useState<'saving' | 'checking' | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateWarning | null>(null);
  const savedAddresses = (): PersonAddress[] => (person?.addresses.length ? person.addresses : [{ kind: 'HOME', text: '' }]);
  const [addresses, setAddresses] = useState<PersonAddress[]>(savedAddresses);
  // A new version (saved here, or by someone else) resets the addresses with the other fields.
  const [addressesVersion, setAddressesVersion] = useState(person?.version ?? 0);
  if (addressesVersion !== (person?.version ?? 0)) {
    setAddressesVersion(person?.version ?? 0);
    setAddresses(savedAddresses());
  }

  async function read(form: HTMLFormElement) {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '');
    const country = text('nationalIdCountry').trim().toUpperCase();
    const { MissingPersonRequestSchema } = await loadContracts();
    return MissingPersonRequestSchema.safeParse({
      fullNameNative: text('fullNameNative'),
      fullNameLatin: text('fullNameLatin'),
      aliases: lines(data.get('aliases')),
      guardianName: text('guardianName'),
      guardianRelation: text('guardianRelation') || null,
      sex: text('sex') || 'UNKNOWN',
      dateOfBirth: readHistoricDate(data, 'dateOfBirth'),
      nationalIdCountry: country === '' ? null : country,
      nationalId: text('nationalId'),
      phones: lines(data.get('phones')),
      addresses: addresses
        .map((address, index) => ({ kind: address.kind, text: text(`addresses.${index}.text`).trim() }))
        .filter((address) => address.text !== ''),
      occupation: text('occupation'),
      physicalDescription: text('physicalDescription'),
      ...(person ? { version: person.version } : {}),
    });
  }

  function showFieldMessages(form: HTMLFormElement, entries: [readonly PropertyKey[] | string, string[]][]) {
    const errors: Partial<Record<Field, string>> = {};
    for (const [path, messages] of entries) {
      const field = fieldOf(path);
      errors[field] = errors[field] ? `${errors[field]} ${apiFieldText(messages)}` : apiFieldText(messages);
    }
    showErrors(form, errors, t('errorSummary'));
  }

  async function send(mode: 'save' | 'check') {
    const form = formRef.current;
    if (!form) return;
    setMessage(null);
    const parsed = await read(form);
    if (!parsed.success) {
      showFieldMessages(form, parsed.error.issues.map((issue) => [issue.path, [issue.message]]));
      return;
    }
    clearErrors();
    setBusy(mode === 'save' ? 'saving' : 'checking');
    const outcome =
      mode === 'save'
        ? await callApi(`/cases/${caseId}/person`, lazySchema((contracts) => contracts.MissingPersonSavedResponseSchema), { method: 'PUT', body: parsed.data })
        : await callApi(`/cases/${caseId}/person/duplicate-check`, lazySchema((contracts) => contracts.DuplicateWarningSchema), { method: 'POST', body: parsed.data });
    setBusy(null);
    if (outcome.kind === 'ok') {
      const warning = 'duplicates' in outcome.data ? outcome.data.duplicates : outcome.data;
      setDuplicates(warning);
      if (mode === 'save') {
        setMessage({ tone: 'success', text: t('saved') });
        router.refresh();
      } else if (warning.matches.length === 0 && !warning.hiddenMatches) {
        setMessage({ tone: 'success', text: t('noDuplicates') });
      }
    } else if (outcome.kind === 'signedOut') router.replace(signInPath(outcome.error));
    else if (outcome.kind === 'failed' && outcome.status === 409) {
      showErrors(form, {}, t('stale'));
      router.refresh();
    } else if (outcome.kind === 'failed' && outcome.status === 429) showErrors(form, {}, t('rateLimited'));
    else if (outcome.kind === 'failed' && outcome.error?.fields) showFieldMessages(form, Object.entries(outcome.error.fields));
    else showErrors(form, {}, outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected'));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send('save');
  }

  return (
    <section className="page-section" aria-labelledby="person-form-title">
      <h2 id="person-form-title">{person ? t('editTitle') : t('createTitle')}</h2>
      {message ? <MessageBox message={message} /> : null}
      {duplicates ? <DuplicateWarningBox duplicates={duplicates} /> : null}
      {/* A new version resets the fields to what was saved; the form's message outlives it. */}
      <form key={person?.version ?? 0} ref={formRef} noValidate onSubmit={submit} aria-busy={busy !== null}>
        <ErrorNotice message={formError} />
        <TextField
          name="fullNameNative"
          label={t('fullNameNative')}
          hint={t('nameHint')}
          error={fieldErrors.fullNameNative}
          type="text"
          dir="rtl"
          lang="ur"
          autoComplete="off"
          defaultValue={person?.fullNameNative ?? ''}
        />
        <TextField
          name="fullNameLatin"
          label={t('fullNameLatin')}
          error={fieldErrors.fullNameLatin}
          type="text"
          dir="ltr"
          autoComplete="off"
          defaultValue={person?.fullNameLatin ?? ''}
        />
        <FormField name="aliases" label={t('aliases')} hint={t('aliasesHint')} error={fieldErrors.aliases}>
          {(control) => <textarea {...control} dir="auto" rows={2} defaultValue={person?.aliases.join('\n') ?? ''} />}
        </FormField>
        <TextField
          name="guardianName"
          label={t('guardianName')}
          error={fieldErrors.guardianName}
          type="text"
          dir="auto"
          autoComplete="off"
          defaultValue={person?.guardianName ?? ''}
        />
        <FormField name="guardianRelation" label={t('guardianRelation')} error={fieldErrors.guardianRelation}>
          {(control) => (
            <select {...control} defaultValue={person?.guardianRelation ?? ''}>
              <option value="">{t('relations.none')}</option>
              <option value="FATHER">{t('relations.FATHER')}</option>
              <option value="HUSBAND">{t('relations.HUSBAND')}</option>
            </select>
          )}
        </FormField>
        <FormField name="sex" label={t('sex')} error={fieldErrors.sex}>
          {(control) => (
            <select {...control} defaultValue={person?.sex ?? 'UNKNOWN'}>
              {sexes.map((sex) => (
                <option key={sex} value={sex}>
                  {t(`sexes.${sex}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <HistoricDateField
          name="dateOfBirth"
          label={t('dateOfBirth')}
          value={person?.dateOfBirth ?? null}
          errors={{ from: fieldErrors['dateOfBirth.from'], to: fieldErrors['dateOfBirth.to'] }}
        />
        <TextField
          name="nationalIdCountry"
          label={t('nationalIdCountry')}
          error={fieldErrors.nationalIdCountry}
          type="text"
          dir="ltr"
          maxLength={2}
          autoComplete="off"
          placeholder="PK"
          defaultValue={person?.nationalIdCountry ?? 'PK'}
        />
        <TextField
          name="nationalId"
          label={t('nationalId')}
          hint={t('cnicHint')}
          error={fieldErrors.nationalId}
          type="text"
          dir="ltr"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          placeholder="12345-1234567-1"
          defaultValue={person?.nationalId ?? ''}
        />
        <FormField name="phones" label={t('phones')} hint={t('phonesHint')} error={fieldErrors.phones}>
          {(control) => <textarea {...control} dir="ltr" rows={2} inputMode="tel" defaultValue={person?.phones.join('\n') ?? ''} />}
        </FormField>
        <fieldset>
          <legend>{t('addresses')}</legend>
          <span className="hint">{t('addressesHint')}</span>
          {fieldErrors.addresses ? <span className="field-error">{fieldErrors.addresses}</span> : null}
          <ul className={styles.addresses}>
            {addresses.map((address, index) => (
              <li key={index}>
                <div className="field">
                  <label htmlFor={`address-${index}-kind`}>{t('addressKind')}</label>
                  <select
                    id={`address-${index}-kind`}
                    name={`addresses.${index}.kind`}
                    value={address.kind}
                    onChange={(event) =>
                      setAddresses((current) =>
                        current.map((item, at) => (at === index ? { ...item, kind: event.target.value as AddressKind } : item)),
                      )
                    }
                  >
                    {addressKinds.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`addressKinds.${kind}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`address-${index}-text`}>{t('addressText')}</label>
                  <input id={`address-${index}-text`} name={`addresses.${index}.text`} type="text" dir="auto" autoComplete="off" defaultValue={address.text} />
                </div>
              </li>
            ))}
          </ul>
          {addresses.length < 10 ? (
            <button type="button" className="secondary" onClick={() => setAddresses((current) => [...current, { kind: 'OTHER', text: '' }])}>
              {t('addAddress')}
            </button>
          ) : null}
        </fieldset>
        <TextField
          name="occupation"
          label={t('occupation')}
          error={fieldErrors.occupation}
          type="text"
          dir="auto"
          autoComplete="off"
          defaultValue={person?.occupation ?? ''}
        />
        <FormField name="physicalDescription" label={t('physicalDescription')} error={fieldErrors.physicalDescription}>
          {(control) => <textarea {...control} dir="auto" rows={3} defaultValue={person?.physicalDescription ?? ''} />}
        </FormField>
        <div className={styles.actions}>
          <button type="submit" disabled={busy !== null}>
            {busy === 'saving' ? t('saving') : t('save')}
          </button>
          <button type="button" className="secondary" disabled={busy !== null} onClick={() => void send('check')}>
            {busy === 'checking' ? t('checking') : t('check')}
          </button>
        </div>
      </form>
    </section>
  );
}
