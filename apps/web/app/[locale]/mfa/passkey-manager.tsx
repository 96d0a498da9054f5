'use client';

import {
  ErrorCode,
  PasskeyNameSchema,
  PasskeySchema,
  WebAuthnOptionsResponseSchema,
  type Passkey,
} from '@lapata/contracts';
import { browserSupportsWebAuthn, startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { useFormatter, useTranslations } from 'next-intl';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { FormField } from '../form-field';
import { callMfaApi, type MfaCall } from './mfa-api';
import styles from './mfa.module.css';

type Field = 'passkeyName' | 'passkeyPassword' | 'removePassword';
type Notice = { tone: 'success' | 'error'; text: string } | null;

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
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [notice, setNotice] = useState<Notice>(null);

  function refuse(form: HTMLFormElement, errors: Partial<Record<Field, string>>, text: string | null = null) {
    setFieldErrors(errors);
    setNotice(text ? { tone: 'error', text } : null);
    const first = Object.keys(errors)[0];
    if (first) form.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
  }

  /** What a refused call means here; the password field is the one named for this form. */
  function refuseCall(form: HTMLFormElement, outcome: MfaCall<unknown>, passwordField: Field) {
    if (outcome.kind === 'ok') return;
    if (outcome.kind === 'unreachable') return refuse(form, {}, tErrors('apiUnavailable'));
    if (outcome.kind === 'signedOut') return refuse(form, {}, tAccount('signedOut'));
    if (outcome.error?.code === ErrorCode.RateLimited) return refuse(form, {}, tErrors('rateLimited'));
    if (outcome.error?.fields?.currentPassword) return refuse(form, { [passwordField]: tAccount('wrongPassword') });
    if (outcome.error?.code === ErrorCode.InvalidPasskey) return refuse(form, {}, t('addRefused'));
    return refuse(form, {}, tErrors('unexpected'));
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = PasskeyNameSchema.safeParse(String(data.get('passkeyName') ?? ''));
    const currentPassword = String(data.get('passkeyPassword') ?? '');
    const errors: Partial<Record<Field, string>> = {};
    if (!name.success) errors.passkeyName = String(data.get('passkeyName') ?? '').trim() ? t('nameInvalid') : tErrors('required');
    if (!currentPassword) errors.passkeyPassword = tErrors('required');
    if (!name.success || !currentPassword) return refuse(form, errors);

    setBusy('add');
    setNotice(null);
    setFieldErrors({});
    try {
      const options = await callMfaApi('/account/mfa/passkeys/options', WebAuthnOptionsResponseSchema, {
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
      const added = await callMfaApi('/account/mfa/passkeys', PasskeySchema, { method: 'POST', body: { name: name.data, credential } });
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
    const outcome = await callMfaApi(`/account/mfa/passkeys/${encodeURIComponent(passkeyId)}`, null, {
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
      {notice ? (
        <div className={notice.tone === 'success' ? 'notice notice-success' : 'notice notice-error'} role={notice.tone === 'success' ? 'status' : 'alert'}>
          <p>{notice.text}</p>
        </div>
      ) : null}
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
          <FormField
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
          <FormField
            name="passkeyPassword"
            label={tSetup('currentPassword')}
            error={fieldErrors.passkeyPassword}
            type="password"
            dir="ltr"
            autoComplete="current-password"
            maxLength={256}
            required
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
          <div className="field">
            <label htmlFor="field-passkeyId">{t('removeWhich')}</label>
            <select id="field-passkeyId" name="passkeyId" className={styles.select} dir="auto">
              {passkeys.map((passkey) => (
                <option key={passkey.id} value={passkey.id}>
                  {passkey.name}
                </option>
              ))}
            </select>
          </div>
          <FormField
            name="removePassword"
            label={tSetup('currentPassword')}
            error={fieldErrors.removePassword}
            type="password"
            dir="ltr"
            autoComplete="current-password"
            maxLength={256}
            required
          />
          <button type="submit" className={styles.secondary} disabled={busy !== null}>
            {busy === 'remove' ? tAccount('working') : t('removeSubmit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
