'use client';

import { ErrorCode, type Passkey } from '@lapata/contracts';
import { browserSupportsWebAuthn, startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { useFormatter, useTranslations } from 'next-intl';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { focusFirstInvalid, type FieldErrors } from '../../../components/form-errors';
import { FormField, PasswordField, TextField } from '../../../components/form-field';
import { MessageBox, type Message } from '../../../components/message-box';
import { callApi, type ApiOutcome } from '../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../lib/lazy-contracts';
import styles from './mfa.module.css';

type Field = 'passkeyName' | 'passkeyPassword' | 'removePassword';
const fieldOrder: Field[] = ['passkeyName', 'passkeyPassword', 'removePassword'];

const noSubscription = () => () => undefined;

/** The passkeys part of the account page: the list, adding one, removing one. */
export function PasskeyManager({ passkeys, onChanged }: { passkeys: Passkey[]; onChanged: () => Promise<void> }) {
  const t = useTranslations('mfa.passkeys');
  const tAccount = useTranslations('mfa.account');
  const tSetup = useTranslations('mfa.setup');
  const tErrors = useTranslations('errors');
  const format = useFormatter();
  const supported = useSyncExternalStore(noSubscription, browserSupportsWebAuthn, () => true);
  const [busy, setBusy] = useState<'add' | 'remove' | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Field>>({});
  const [notice, setNotice] = useState<Message | null>(null);

  function refuse(form: HTMLFormElement, errors: FieldErrors<Field>, text: string | null = null) {
    setFieldErrors(errors);
    setNotice(text ? { tone: 'error', text } : null);
    focusFirstInvalid(form, fieldOrder, errors);
  }

  /** What a refused call means here; the password field is the one named for this form. */
  function refuseCall(form: HTMLFormElement, outcome: ApiOutcome<unknown>, passwordField: Field) {
    if (outcome.kind === 'ok') return;
    if (outcome.kind === 'unreachable') return refuse(form, {}, tErrors('apiUnavailable'));
    if (outcome.kind === 'signedOut') return refuse(form, {}, tAccount('signedOut'));
    const error = outcome.kind === 'failed' ? outcome.error : null;
    if (error?.code === ErrorCode.RateLimited) return refuse(form, {}, tErrors('rateLimited'));
    if (error?.fields?.currentPassword) return refuse(form, { [passwordField]: tAccount('wrongPassword') });
    if (error?.code === ErrorCode.InvalidPasskey) return refuse(form, {}, t('addRefused'));
    return refuse(form, {}, tErrors('unexpected'));
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const { PasskeyNameSchema } = await loadContracts();
    const name = PasskeyNameSchema.safeParse(String(data.get('passkeyName') ?? ''));
    const currentPassword = String(data.get('passkeyPassword') ?? '');
    const errors: FieldErrors<Field> = {};
    if (!name.success) errors.passkeyName = String(data.get('passkeyName') ?? '').trim() ? t('nameInvalid') : tErrors('required');
    if (!currentPassword) errors.passkeyPassword = tErrors('required');
    if (!name.success || !currentPassword) return refuse(form, errors);

    setBusy('add');
    setNotice(null);
    setFieldErrors({});
    try {
      const options = await callApi('/account/mfa/passkeys/options', lazySchema((contracts) => contracts.WebAuthnOptionsResponseSchema), {
        method: 'POST',
        body: { currentPassword },
      });
      if (options.kind !== 'ok') return refuseCall(form, options, 'passkeyPassword');
      let credential: unknown;
      try {
        credential = await startRegistration({ optionsJSON: options.data as unknown as PublicKeyCredentialCreationOptionsJSON });
      } catch {
        // Closed, timed out, or the device refused: nothing was made.
        return refuse(form, {}, t('addCancelled'));
      }
      const added = await callApi('/account/mfa/passkeys', lazySchema((contracts) => contracts.PasskeySchema), { method: 'POST', body: { name: name.data, credential } });
      if (added.kind !== 'ok') return refuseCall(form, added, 'passkeyPassword');
      form.reset();
      setNotice({ tone: 'success', text: t('addDone') });
      await onChanged();
    } finally {
      setBusy(null);
    }
  }

  async function remove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const passkeyId = String(data.get('passkeyId') ?? '');
    const currentPassword = String(data.get('removePassword') ?? '');
    if (!currentPassword) return refuse(form, { removePassword: tErrors('required') });

    setBusy('remove');
    setNotice(null);
    setFieldErrors({});
    const outcome = await callApi(`/account/mfa/passkeys/${encodeURIComponent(passkeyId)}`, null, {
      method: 'DELETE',
      body: { currentPassword },
    });
    setBusy(null);
    if (outcome.kind !== 'ok') return refuseCall(form, outcome, 'removePassword');
    form.reset();
    setNotice({ tone: 'success', text: t('removeDone') });
    await onChanged();
  }

  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium' });

  return (
    <section aria-labelledby="passkeys-title" className={styles.subsection}>
      <h3 id="passkeys-title">{t('title')}</h3>
      <p>{t('intro')}</p>
      {notice ? <MessageBox message={notice} /> : null}
      {passkeys.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul aria-label={t('listLabel')} className={styles.passkeys}>
          {passkeys.map((passkey) => (
            <li key={passkey.id}>
              <strong dir="auto">{passkey.name}</strong>
              <br />
              {t('added', { date: date(passkey.createdAt) })} ·{' '}
              {passkey.lastUsedAt ? t('lastUsed', { date: date(passkey.lastUsedAt) }) : t('neverUsed')}
            </li>
          ))}
        </ul>
      )}

      {supported ? (
        <form noValidate onSubmit={add} aria-busy={busy === 'add'} aria-labelledby="passkey-add-title">
          <h4 id="passkey-add-title">{t('addTitle')}</h4>
          <TextField
            name="passkeyName"
            label={t('name')}
            hint={t('nameHint')}
            error={fieldErrors.passkeyName}
            type="text"
            dir="auto"
            autoComplete="off"
            maxLength={60}
            required
          />
          <PasswordField
            name="passkeyPassword"
            label={tSetup('currentPassword')}
            error={fieldErrors.passkeyPassword}
            autoComplete="current-password"
            maxLength={256}
          />
          <button type="submit" disabled={busy !== null}>
            {busy === 'add' ? tAccount('working') : t('addSubmit')}
          </button>
        </form>
      ) : (
        <p>{t('notSupported')}</p>
      )}

      {passkeys.length > 0 ? (
        <form className={styles.subsection} noValidate onSubmit={remove} aria-busy={busy === 'remove'} aria-labelledby="passkey-remove-title">
          <h4 id="passkey-remove-title">{t('removeTitle')}</h4>
          <FormField name="passkeyId" label={t('removeWhich')}>
            {(control) => (
              <select {...control} dir="auto">
                {passkeys.map((passkey) => (
                  <option key={passkey.id} value={passkey.id}>
                    {passkey.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <PasswordField
            name="removePassword"
            label={tSetup('currentPassword')}
            error={fieldErrors.removePassword}
            autoComplete="current-password"
            maxLength={256}
          />
          <button type="submit" className="secondary" disabled={busy !== null}>
            {busy === 'remove' ? tAccount('working') : t('removeSubmit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
