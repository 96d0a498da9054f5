'use client';

import { ErrorCode, type REMINDER_OFFSET_CHOICES, type ReminderSettings as Settings } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice, MessageBox, type Message } from '../../../components/message-box';
import { callApi } from '../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../lib/lazy-contracts';
import styles from './account.module.css';
import checkboxStyles from '../mfa/mfa.module.css';

type Load = { state: 'loading' } | { state: 'ready'; settings: Settings } | { state: 'error' };
type OffsetChoice = (typeof REMINDER_OFFSET_CHOICES)[number];

/**
 * When hearing reminders come by email, and whether they come for cases the user follows as family.
 * `choices`: the times offered (REMINDER_OFFSET_CHOICES).
 */
export function ReminderSettings({ choices, initial }: { choices: readonly OffsetChoice[]; initial?: Settings }) {
  const t = useTranslations('reminderSettings');
  const tErrors = useTranslations('errors');
  const [load, setLoad] = useState<Load>(initial ? { state: 'ready', settings: initial } : { state: 'loading' });
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (initial) return;
    let current = true;
    void readSettings().then((loaded) => {
      if (current) setLoad(loaded);
    });
    return () => {
      current = false;
    };
  }, [initial]);

  if (load.state === 'loading') return <p>…</p>;
  if (load.state === 'error') return <MessageBox message={{ tone: 'error', text: tErrors('unexpected') }} />;
  const { settings } = load;
  // The offered times, plus any other time the account already has (set before, or elsewhere).
  const offsets = [...new Set([...choices, ...settings.offsetsMinutes])].sort((a, b) => b - a);
  const label = (minutes: number) =>
    (choices as readonly number[]).includes(minutes) ? t(`offset.${minutes as OffsetChoice}`) : t('offset.other', { minutes });

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const body = {
      offsetsMinutes: data.getAll('offset').map(Number),
      familyOptIn: data.get('familyOptIn') === 'on',
      version: settings.version,
    };
    setMessage(null);
    setFormError(null);
    const { UpdateReminderSettingsRequestSchema } = await loadContracts();
    if (!UpdateReminderSettingsRequestSchema.safeParse(body).success) {
      setFormError(t('invalid'));
      return;
    }
    setSaving(true);
    const outcome = await callApi('/account/reminder-settings', lazySchema((contracts) => contracts.ReminderSettingsSchema), { method: 'PUT', body });
    setSaving(false);
    if (outcome.kind === 'ok') {
      setLoad({ state: 'ready', settings: outcome.data });
      setMessage({ tone: 'success', text: t('saved') });
    } else if (outcome.kind === 'failed' && outcome.error?.code === ErrorCode.StaleVersion) {
      setLoad(await readSettings());
      setFormError(t('stale'));
    } else if (outcome.kind === 'failed' && outcome.error?.fields) {
      setFormError(t('invalid'));
    } else if (outcome.kind === 'unreachable') {
      setFormError(tErrors('apiUnavailable'));
    } else {
      setFormError(tErrors('unexpected'));
    }
  }

  return (
    <section className={styles.section} aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">{t('heading')}</h2>
      <p>{t('intro')}</p>
      <div aria-live="polite">{message ? <MessageBox message={message} /> : null}</div>
      <ErrorNotice message={formError} />
      {/* Re-mounted with each saved version, so the boxes always show what the server holds. */}
      <form key={settings.version} noValidate onSubmit={save} aria-busy={saving}>
        <fieldset>
          <legend>{t('whenLegend')}</legend>
          {offsets.map((minutes) => (
            <div className={checkboxStyles.checkbox} key={minutes}>
              <input
                id={`field-offset-${minutes}`}
                name="offset"
                type="checkbox"
                value={minutes}
                defaultChecked={settings.offsetsMinutes.includes(minutes)}
              />
              <label htmlFor={`field-offset-${minutes}`}>{label(minutes)}</label>
            </div>
          ))}
          <p className={styles.muted}>{t('noneChosen')}</p>
        </fieldset>
        <div className={checkboxStyles.checkbox}>
          <input
            id="field-familyOptIn"
            name="familyOptIn"
            type="checkbox"
            aria-describedby="field-familyOptIn-hint"
            defaultChecked={settings.familyOptIn}
          />
          <label htmlFor="field-familyOptIn">{t('familyOptIn')}</label>
        </div>
        <p id="field-familyOptIn-hint" className={styles.muted}>
          {t('familyHint')}
        </p>
        <button type="submit" disabled={saving}>
          {saving ? t('saving') : t('save')}
        </button>
      </form>
    </section>
  );
}

async function readSettings(): Promise<Load> {
  const outcome = await callApi('/account/reminder-settings', lazySchema((contracts) => contracts.ReminderSettingsSchema));
  return outcome.kind === 'ok' ? { state: 'ready', settings: outcome.data } : { state: 'error' };
}
