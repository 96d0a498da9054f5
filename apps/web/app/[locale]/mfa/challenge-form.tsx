'use client';

import { ErrorCode } from '@lapata/contracts';
import {
  browserSupportsWebAuthn,
  startAuthentication,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { useTranslations } from 'next-intl';
import { useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { Link, useRouter } from '../../../i18n/navigation';
import { useFormErrors } from '../../../components/form-errors';
import { TextField } from '../../../components/form-field';
import { ErrorNotice } from '../../../components/message-box';
import { callApi } from '../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../lib/lazy-contracts';
import styles from './mfa.module.css';
import { SIGNED_IN_HOME } from './signed-in-home';

type Mode = 'app' | 'recovery';

const noSubscription = () => () => undefined;

export function ChallengeForm() {
  const t = useTranslations('mfa.challenge');
  const tAccount = useTranslations('mfa.account');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const [mode, setMode] = useState<Mode>('app');
  const { fieldErrors, formError, setFormError, showErrors, clearErrors } = useFormErrors(['code']);
  const [submitting, setSubmitting] = useState(false);
  const [recoveryCodesLeft, setRecoveryCodesLeft] = useState<number | null>(null);
  const [passkeyBusy, setPasskeyBusy] = useState(false);
  // Known only in the browser; the server renders without the passkey button.
  const passkeysSupported = useSyncExternalStore(noSubscription, browserSupportsWebAuthn, () => false);
  const form = useRef<HTMLFormElement>(null);
  const codeInput = () => form.current?.querySelector<HTMLInputElement>('[name="code"]') ?? null;

  /** Shows `message` at the code field, or for the whole form. */
  function refuse(message: string, field = true) {
    showErrors(form.current, field ? { code: message } : {}, field ? null : message);
  }

  function switchMode() {
    setMode(mode === 'app' ? 'recovery' : 'app');
    clearErrors();
    // The field is keyed by mode, so React gives a fresh, empty input; focus it once it is there.
    requestAnimationFrame(() => codeInput()?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget).get('code') ?? '');
    if (typed.trim() === '') return refuse(tErrors('required'));
    const { MfaCodeSchema, TotpCodeSchema } = await loadContracts();
    const parsed = (mode === 'app' ? TotpCodeSchema : MfaCodeSchema).safeParse(typed);
    if (!parsed.success) return refuse(mode === 'app' ? t('codeFormat') : t('recoveryFormat'));

    setSubmitting(true);
    setFormError(null);
    const outcome = await callApi('/auth/mfa', lazySchema((contracts) => contracts.MfaChallengeResponseSchema), { method: 'POST', body: { code: parsed.data } });
    setSubmitting(false);
    const error = outcome.kind === 'failed' ? outcome.error : null;
    if (outcome.kind === 'ok') {
      if (outcome.data.recoveryCodesLeft === undefined) {
        signedIn();
      } else {
        setRecoveryCodesLeft(outcome.data.recoveryCodesLeft);
      }
    } else if (outcome.kind === 'signedOut') {
      router.replace('/login');
    } else if (outcome.kind === 'unreachable') {
      refuse(tErrors('apiUnavailable'), false);
    } else if (error?.code === ErrorCode.InvalidMfaCode) {
      refuse(tAccount('invalidCode'));
    } else if (error?.code === ErrorCode.RateLimited) {
      refuse(tErrors('rateLimited'), false);
    } else if (outcome.kind === 'failed' && outcome.status === 409) {
      // Already signed in (another tab finished first).
      router.replace(SIGNED_IN_HOME);
    } else {
      refuse(error?.fields?.code?.join(' ') ?? tErrors('unexpected'), Boolean(error?.fields?.code));
    }
  }

  function signedIn() {
    router.replace(SIGNED_IN_HOME);
    router.refresh();
  }

  async function signInWithPasskey() {
    setPasskeyBusy(true);
    clearErrors();
    try {
      const options = await callApi('/auth/mfa/passkey/options', lazySchema((contracts) => contracts.WebAuthnOptionsResponseSchema), { method: 'POST' });
      if (options.kind !== 'ok') {
        if (options.kind === 'signedOut') router.replace('/login');
        else if (options.kind === 'unreachable') refuse(tErrors('apiUnavailable'), false);
        else if (options.kind === 'failed' && options.status === 409) refuse(t('noPasskey'), false);
        else refuse(tErrors('unexpected'), false);
        return;
      }
      let credential: unknown;
      try {
        credential = await startAuthentication({ optionsJSON: options.data as unknown as PublicKeyCredentialRequestOptionsJSON });
      } catch {
        // Closed, timed out, or no matching passkey on this device.
        refuse(t('passkeyCancelled'), false);
        return;
      }
      const outcome = await callApi('/auth/mfa/passkey', lazySchema((contracts) => contracts.MfaChallengeResponseSchema), { method: 'POST', body: { credential } });
      const error = outcome.kind === 'failed' ? outcome.error : null;
      if (outcome.kind === 'ok') signedIn();
      else if (outcome.kind === 'signedOut') router.replace('/login');
      else if (outcome.kind === 'unreachable') refuse(tErrors('apiUnavailable'), false);
      else if (error?.code === ErrorCode.RateLimited) refuse(tErrors('rateLimited'), false);
      else if (error?.code === ErrorCode.InvalidPasskey) refuse(t('passkeyRefused'), false);
      else refuse(tErrors('unexpected'), false);
    } finally {
      setPasskeyBusy(false);
    }
  }

  if (recoveryCodesLeft !== null) {
    return (
      <div className="notice notice-success" role="status">
        <h2>{t('recoveryUsedTitle')}</h2>
        <p>{t('recoveryUsed', { count: recoveryCodesLeft })}</p>
        <p>
          <Link href={SIGNED_IN_HOME}>{t('continue')}</Link>
        </p>
      </div>
    );
  }

  return (
    <>
      <p>{t('intro')}</p>
      <form ref={form} noValidate onSubmit={submit} aria-busy={submitting}>
        <ErrorNotice message={formError} />
        <TextField
          key={mode}
          name="code"
          label={mode === 'app' ? t('codeLabel') : t('recoveryLabel')}
          hint={mode === 'app' ? t('codeHint') : t('recoveryHint')}
          error={fieldErrors.code}
          type="text"
          dir="ltr"
          inputMode={mode === 'app' ? 'numeric' : 'text'}
          autoComplete={mode === 'app' ? 'one-time-code' : 'off'}
          autoCapitalize={mode === 'app' ? 'none' : 'characters'}
          spellCheck={false}
          maxLength={mode === 'app' ? 7 : 24}
          required
        />
        <button type="submit" disabled={submitting}>
          {submitting ? t('submitting') : t('submit')}
        </button>
      </form>
      <p>
        <button type="button" className={styles.linkButton} onClick={switchMode}>
          {mode === 'app' ? t('useRecovery') : t('useApp')}
        </button>
      </p>
      {passkeysSupported ? (
        <p>
          <button type="button" className={styles.linkButton} onClick={() => void signInWithPasskey()} disabled={passkeyBusy}>
            {passkeyBusy ? t('passkeyWorking') : t('usePasskey')}
          </button>
        </p>
      ) : null}
      <p>{t('lostDevice')}</p>
    </>
  );
}
