'use client';

import { ErrorCode, type MfaStatusResponse } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from '../../../i18n/navigation';
import { focusFirstInvalid, type FieldErrors } from '../../../components/form-errors';
import { PasswordField, TextField } from '../../../components/form-field';
import { ErrorNotice, MessageBox, type Message } from '../../../components/message-box';
import { callApi, type ApiOutcome } from '../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../lib/lazy-contracts';
import { PasskeyManager } from '../mfa/passkey-manager';
import styles from '../mfa/mfa.module.css';
import { RecoveryCodes } from '../mfa/recovery-codes';

type Load = { state: 'loading' } | { state: 'ready'; status: MfaStatusResponse } | { state: 'signedOut' } | { state: 'error' };
/** Input names unique on the account page (TextField derives element ids from them). */
const inputNames = { codes: { currentPassword: 'mfaCodesPassword' }, off: { currentPassword: 'mfaOffPassword', code: 'mfaOffCode' } } as const;
type Field = 'currentPassword' | 'code';

/** The two-step sign-in part of the account page: status, new recovery codes, moving, turning off. */
export function MfaSection() {
  const t = useTranslations('mfa.account');
  const tSetup = useTranslations('mfa.setup');
  const tErrors = useTranslations('errors');
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [busy, setBusy] = useState<'codes' | 'off' | null>(null);
  const [errors, setErrors] = useState<{ form: 'codes' | 'off'; fields: FieldErrors<Field> } | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  const refresh = useCallback(async () => setLoad(await readStatus()), []);

  useEffect(() => {
    let current = true;
    void readStatus().then((loaded) => {
      if (current) setLoad(loaded);
    });
    return () => {
      current = false;
    };
  }, []);

  /** Shows why an action was refused, next to the field at fault when there is one. */
  function refuse(form: HTMLFormElement, which: 'codes' | 'off', outcome: ApiOutcome<unknown>): void {
    const fields: FieldErrors<Field> = {};
    let text: string | null = null;
    if (outcome.kind === 'signedOut') {
      setLoad({ state: 'signedOut' });
      return;
    } else if (outcome.kind === 'unreachable') {
      text = tErrors('apiUnavailable');
    } else if (outcome.kind === 'failed' && outcome.error?.code === ErrorCode.RateLimited) {
      text = tErrors('rateLimited');
    } else if (outcome.kind === 'failed' && outcome.error?.code === ErrorCode.InvalidMfaCode) {
      fields.code = t('invalidCode');
    } else if (outcome.kind === 'failed' && outcome.error?.code === ErrorCode.MfaRequiredByOrganization) {
      text = t('required');
    } else if (outcome.kind === 'failed' && outcome.error?.fields?.currentPassword) {
      fields.currentPassword = t('wrongPassword');
    } else {
      text = outcome.kind === 'failed' ? (outcome.error?.message ?? tErrors('unexpected')) : tErrors('unexpected');
    }
    setErrors({ form: which, fields });
    setNotice(text ? { tone: 'error', text } : null);
    focusFirst(form, which, fields);
  }

  function focusFirst(form: HTMLFormElement, which: 'codes' | 'off', fields: FieldErrors<Field>) {
    const names: Partial<Record<Field, string>> = inputNames[which];
    focusFirstInvalid(form, ['currentPassword', 'code'], fields, (field) => String(names[field]));
  }

  async function makeNewCodes(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const { RecoveryCodesRegenerateRequestSchema } = await loadContracts();
    const parsed = RecoveryCodesRegenerateRequestSchema.safeParse({
      currentPassword: String(new FormData(form).get(inputNames.codes.currentPassword) ?? ''),
    });
    if (!parsed.success) {
      const fields = { currentPassword: tErrors('required') };
      setErrors({ form: 'codes', fields });
      focusFirst(form, 'codes', fields);
      return;
    }
    setBusy('codes');
    setNotice(null);
    const outcome = await callApi('/account/mfa/recovery-codes', lazySchema((contracts) => contracts.RecoveryCodesResponseSchema), {
      method: 'POST',
      body: parsed.data,
    });
    setBusy(null);
    if (outcome.kind !== 'ok') return refuse(form, 'codes', outcome);
    form.reset();
    setErrors(null);
    setRecoveryCodes(outcome.data.recoveryCodes);
    await refresh();
  }

  async function turnOff(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const values = {
      currentPassword: String(data.get(inputNames.off.currentPassword) ?? ''),
      code: String(data.get(inputNames.off.code) ?? ''),
    };
    const { TotpDisableRequestSchema } = await loadContracts();
    const parsed = TotpDisableRequestSchema.safeParse(values);
    if (!parsed.success) {
      const fields: FieldErrors<Field> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        fields[field] ??= values[field].trim() === '' ? tErrors('required') : t('invalidCode');
      }
      setErrors({ form: 'off', fields });
      focusFirst(form, 'off', fields);
      return;
    }
    setBusy('off');
    setNotice(null);
    const outcome = await callApi('/account/mfa/totp', null, { method: 'DELETE', body: parsed.data });
    setBusy(null);
    if (outcome.kind !== 'ok') return refuse(form, 'off', outcome);
    setErrors(null);
    setNotice({ tone: 'success', text: t('turnedOff') });
    await refresh();
  }

  const fieldError = (form: 'codes' | 'off', field: Field) =>
    errors?.form === form ? errors.fields[field] : undefined;

  return (
    <section aria-labelledby="mfa-section-title" className={styles.section}>
      <h2 id="mfa-section-title">{t('title')}</h2>
      {load.state === 'loading' ? <p>{t('loading')}</p> : null}
      <ErrorNotice message={load.state === 'error' ? tErrors('unexpected') : null} />
      {load.state === 'signedOut' ? (
        <div className="notice" role="status">
          <p>{t('signedOut')}</p>
          <p>
            <Link href="/login">{t('signIn')}</Link>
          </p>
        </div>
      ) : null}
      {notice ? <MessageBox message={notice} /> : null}
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} heading={t('newCodesDone')} onSaved={() => setRecoveryCodes(null)} />
      ) : null}
      {load.state === 'ready' && !recoveryCodes ? (
        load.status.totpEnabled ? (
          <>
            <p>{t('on')}</p>
            <p>{t('codesLeft', { count: load.status.recoveryCodesLeft })}</p>
            {load.status.requiredByOrganization ? <p>{t('required')}</p> : null}
            <p>
              <Link href="/mfa/setup">{t('moveDevice')}</Link>
            </p>

            <form className={styles.subsection} noValidate onSubmit={makeNewCodes} aria-busy={busy === 'codes'} aria-labelledby="mfa-new-codes">
              <h3 id="mfa-new-codes">{t('newCodesTitle')}</h3>
              <p>{t('newCodesIntro')}</p>
              <PasswordField
                name={inputNames.codes.currentPassword}
                label={tSetup('currentPassword')}
                error={fieldError('codes', 'currentPassword')}
                autoComplete="current-password"
                maxLength={256}
              />
              <button type="submit" disabled={busy !== null}>
                {busy === 'codes' ? t('working') : t('newCodesSubmit')}
              </button>
            </form>

            <PasskeyManager passkeys={load.status.passkeys} onChanged={refresh} />

            {load.status.requiredByOrganization ? null : (
              <form className={styles.subsection} noValidate onSubmit={turnOff} aria-busy={busy === 'off'} aria-labelledby="mfa-turn-off">
                <h3 id="mfa-turn-off">{t('turnOffTitle')}</h3>
                <p>{t('turnOffIntro')}</p>
                <PasswordField
                  name={inputNames.off.currentPassword}
                  label={tSetup('currentPassword')}
                  error={fieldError('off', 'currentPassword')}
                  autoComplete="current-password"
                  maxLength={256}
                />
                <TextField
                  name={inputNames.off.code}
                  label={t('codeLabel')}
                  error={fieldError('off', 'code')}
                  type="text"
                  dir="ltr"
                  autoComplete="one-time-code"
                  spellCheck={false}
                  maxLength={24}
                  required
                />
                <button type="submit" className="secondary" disabled={busy !== null}>
                  {busy === 'off' ? t('working') : t('turnOffSubmit')}
                </button>
              </form>
            )}
          </>
        ) : (
          <>
            <p>{t('off')}</p>
            <p>
              <Link href="/mfa/setup">{t('setUp')}</Link>
            </p>
          </>
        )
      ) : null}
    </section>
  );
}

async function readStatus(): Promise<Load> {
  const outcome = await callApi('/account/mfa', lazySchema((contracts) => contracts.MfaStatusResponseSchema));
  if (outcome.kind === 'ok') return { state: 'ready', status: outcome.data };
  return { state: outcome.kind === 'signedOut' ? 'signedOut' : 'error' };
}
