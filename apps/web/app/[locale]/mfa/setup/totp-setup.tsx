'use client';

import { ErrorCode, type TotpSetupResponse } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useRouter } from '../../../../i18n/navigation';
import { PasswordField, TextField } from '../../../../components/form-field';
import { ErrorNotice } from '../../../../components/message-box';
import { callApi, type ApiOutcome } from '../../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../../lib/lazy-contracts';
import { signInPath } from '../../../../lib/api-error';
import styles from '../mfa.module.css';
import { RecoveryCodes } from '../recovery-codes';
import { SIGNED_IN_HOME } from '../signed-in-home';

type Step =
  | { name: 'password' }
  | { name: 'scan'; setup: TotpSetupResponse }
  | { name: 'codes'; recoveryCodes: string[] };

/** Password, then QR code and a code from the app, then the recovery codes: three steps on one page. */
export function TotpSetup() {
  const t = useTranslations('mfa.setup');
  const tAccount = useTranslations('mfa.account');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const [step, setStep] = useState<Step>({ name: 'password' });
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const stepHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Each new step is announced by moving focus to its heading (not on the first one).
    if (step.name === 'scan') stepHeading.current?.focus();
  }, [step.name]);

  function refuse(form: HTMLFormElement, field: string, message: string | undefined, summary: string | null = null) {
    setFieldError(message);
    setFormError(summary);
    if (message) form.querySelector<HTMLInputElement>(`[name="${field}"]`)?.focus();
  }

  /** The answers both steps share; returns true when the caller should handle the outcome itself. */
  function settleCommon(form: HTMLFormElement, field: string, outcome: ApiOutcome<unknown>): boolean {
    if (outcome.kind === 'ok') return true;
    if (outcome.kind === 'signedOut') {
      router.replace(signInPath(outcome.error));
    } else if (outcome.kind === 'unreachable') {
      refuse(form, field, undefined, tErrors('apiUnavailable'));
    } else if (outcome.kind === 'failed' && outcome.error?.code === ErrorCode.RateLimited) {
      refuse(form, field, undefined, tErrors('rateLimited'));
    } else {
      return true;
    }
    return false;
  }

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const { TotpSetupRequestSchema } = await loadContracts();
    const parsed = TotpSetupRequestSchema.safeParse({ currentPassword: String(new FormData(form).get('currentPassword') ?? '') });
    if (!parsed.success) return refuse(form, 'currentPassword', tErrors('required'));

    setSubmitting(true);
    const outcome = await callApi('/account/mfa/totp/setup', lazySchema((contracts) => contracts.TotpSetupResponseSchema), { method: 'POST', body: parsed.data });
    setSubmitting(false);
    if (!settleCommon(form, 'currentPassword', outcome)) return;
    if (outcome.kind === 'ok') {
      setFieldError(undefined);
      setFormError(null);
      setStep({ name: 'scan', setup: outcome.data });
    } else if (outcome.kind === 'failed' && outcome.error?.fields?.currentPassword) {
      refuse(form, 'currentPassword', tAccount('wrongPassword'));
    } else {
      refuse(form, 'currentPassword', undefined, tErrors('unexpected'));
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const typed = String(new FormData(form).get('code') ?? '');
    const { TotpConfirmRequestSchema } = await loadContracts();
    const parsed = TotpConfirmRequestSchema.safeParse({ code: typed });
    if (!parsed.success) {
      return refuse(form, 'code', typed.trim() === '' ? tErrors('required') : tAccount('invalidCode'));
    }

    setSubmitting(true);
    const outcome = await callApi('/account/mfa/totp/confirm', lazySchema((contracts) => contracts.RecoveryCodesResponseSchema), {
      method: 'POST',
      body: parsed.data,
    });
    setSubmitting(false);
    if (!settleCommon(form, 'code', outcome)) return;
    if (outcome.kind === 'ok') {
      setFormError(null);
      setStep({ name: 'codes', recoveryCodes: outcome.data.recoveryCodes });
    } else if (outcome.kind === 'failed' && outcome.error?.code === ErrorCode.InvalidMfaCode) {
      refuse(form, 'code', tAccount('invalidCode'));
    } else if (outcome.kind === 'failed' && outcome.status === 409) {
      setStep({ name: 'password' });
      setFormError(t('noPendingSetup'));
    } else {
      refuse(form, 'code', undefined, tErrors('unexpected'));
    }
  }

  if (step.name === 'codes') {
    return (
      <>
        <div className="notice notice-success" role="status">
          <p>{t('done')}</p>
        </div>
        <RecoveryCodes codes={step.recoveryCodes} heading={t('codesStep')} onSaved={() => router.replace(SIGNED_IN_HOME)} />
      </>
    );
  }

  if (step.name === 'scan') {
    const { setup } = step;
    return (
      <section aria-labelledby="setup-step">
        <h2 id="setup-step" ref={stepHeading} tabIndex={-1}>
          {t('scanStep')}
        </h2>
        <p>{t('scanInstructions')}</p>
        {/* A data URL drawn by our own API: no image optimisation or remote loader is wanted here. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img className={styles.qr} src={setup.qrCodeDataUrl} alt={t('qrAlt')} width={208} height={208} />
        <p>
          {t('manualKeyLabel')}{' '}
          <code className={styles.key} dir="ltr">
            {setup.manualKey}
          </code>
        </p>
        <form noValidate onSubmit={confirm} aria-busy={submitting}>
          <ErrorNotice message={formError} />
          <TextField
            name="code"
            label={t('confirmLabel')}
            error={fieldError}
            type="text"
            dir="ltr"
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            maxLength={7}
            required
          />
          <button type="submit" disabled={submitting}>
            {submitting ? t('confirming') : t('confirm')}
          </button>
        </form>
      </section>
    );
  }

  return (
    <section aria-labelledby="setup-step">
      <h2 id="setup-step">{t('passwordStep')}</h2>
      <form noValidate onSubmit={start} aria-busy={submitting}>
        <ErrorNotice message={formError} />
        <PasswordField
          name="currentPassword"
          label={t('currentPassword')}
          error={fieldError}
          autoComplete="current-password"
          maxLength={256}
        />
        <button type="submit" disabled={submitting}>
          {submitting ? t('starting') : t('start')}
        </button>
      </form>
    </section>
  );
}
