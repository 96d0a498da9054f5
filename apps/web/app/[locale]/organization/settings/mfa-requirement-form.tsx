'use client';

import { ErrorCode, type MfaRequirementResponse } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from '../../../../i18n/navigation';
import { MessageBox, type Message } from '../../../../components/message-box';
import { callApi } from '../../../../lib/api-client';
import { lazySchema } from '../../../../lib/lazy-contracts';
import styles from '../../mfa/mfa.module.css';
import { AccessNotice } from '../access-notice';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; requirement: MfaRequirementResponse }
  | { state: 'signedOut' }
  | { state: 'notFound' }
  | { state: 'error' };

const mfaRequirement = lazySchema((contracts) => contracts.MfaRequirementResponseSchema);

/** An administrator requires two-step sign-in of every member, or stops requiring it. */
export function MfaRequirementForm() {
  const t = useTranslations('mfa.requirement');
  const tErrors = useTranslations('errors');
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [message, setMessage] = useState<Message | null>(null);
  const [needsOwnMfa, setNeedsOwnMfa] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let current = true;
    void readRequirement().then((loaded) => {
      if (current) setLoad(loaded);
    });
    return () => {
      current = false;
    };
  }, []);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const required = new FormData(event.currentTarget).get('requireMfa') === 'on';
    setSaving(true);
    setMessage(null);
    setNeedsOwnMfa(false);
    const outcome = await callApi('/organizations/current/mfa-requirement', mfaRequirement, {
      method: 'PUT',
      body: { required },
    });
    setSaving(false);
    if (outcome.kind === 'ok') {
      setLoad({ state: 'ready', requirement: outcome.data });
      setMessage({ tone: 'success', text: required ? t('turnedOn') : t('turnedOff') });
    } else if (outcome.kind === 'signedOut') {
      setLoad({ state: 'signedOut' });
    } else if (outcome.kind === 'notFound') {
      setLoad({ state: 'notFound' });
    } else if (outcome.kind === 'failed' && outcome.error?.code === ErrorCode.Conflict) {
      setNeedsOwnMfa(true);
    } else {
      setMessage({ tone: 'error', text: outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected') });
    }
  }

  if (load.state === 'loading') return <p>…</p>;
  if (load.state === 'signedOut' || load.state === 'notFound') return <AccessNotice kind={load.state} />;
  if (load.state === 'error') return <MessageBox message={{ tone: 'error', text: tErrors('unexpected') }} />;

  const { requirement } = load;
  return (
    <section aria-labelledby="mfa-requirement-heading">
      <h2 id="mfa-requirement-heading">{t('heading')}</h2>
      <p>{t('intro')}</p>
      {message ? <MessageBox message={message} /> : null}
      {needsOwnMfa ? (
        <div className="notice notice-error" role="alert">
          <p>{t('ownFirst')}</p>
          <p>
            <Link href="/mfa/setup">{t('setUpLink')}</Link>
          </p>
        </div>
      ) : null}
      <form noValidate onSubmit={save} aria-busy={saving}>
        <div className={styles.checkbox}>
          <input
            id="field-requireMfa"
            name="requireMfa"
            type="checkbox"
            // Re-mounted with each saved value, so the box always shows what the server holds.
            key={String(requirement.required)}
            defaultChecked={requirement.required}
          />
          <label htmlFor="field-requireMfa">{t('checkbox')}</label>
        </div>
        <p>{t('membersWithout', { count: requirement.membersWithoutMfa })}</p>
        <button type="submit" disabled={saving}>
          {saving ? t('saving') : t('save')}
        </button>
      </form>
    </section>
  );
}

async function readRequirement(): Promise<Load> {
  const outcome = await callApi('/organizations/current/mfa-requirement', mfaRequirement);
  if (outcome.kind === 'ok') return { state: 'ready', requirement: outcome.data };
  if (outcome.kind === 'signedOut') return { state: 'signedOut' };
  if (outcome.kind === 'notFound') return { state: 'notFound' };
  return { state: 'error' };
}
