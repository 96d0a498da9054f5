'use client';

import type { ForumKind } from '@lapata/contracts';
import { useLocale, useTranslations } from 'next-intl';
import type { FormEvent } from 'react';
import { FormField, TextField } from '../../../../../components/form-field';
import { ErrorNotice, MessageBox } from '../../../../../components/message-box';
import styles from '../../../cases/case-list.module.css';
import { text, useApiForm } from './api-form';

const FIELDS = ['kindId', 'name', 'city', 'bench', 'timeZone'] as const;

/** Adds a court or body to the organisation's list of forums. */
export function ForumForm({ kinds }: { kinds: ForumKind[] }) {
  const t = useTranslations('proceedings.forum');
  const locale = useLocale();
  const form = useApiForm(FIELDS, { errorSummary: t('errorSummary'), stale: t('errorSummary') });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    const zone = text(data, 'timeZone').trim();
    const created = await form.send(
      element,
      (contracts) => contracts.CreateForumRequestSchema,
      { kindId: text(data, 'kindId'), name: text(data, 'name'), city: text(data, 'city'), bench: text(data, 'bench'), timeZone: zone === '' ? null : zone },
      { path: '/forums', method: 'POST', response: (contracts) => contracts.ForumSchema },
    );
    if (created) {
      element.reset();
      form.setMessage({ tone: 'success', text: t('saved') });
    }
  }

  return (
    <details className={styles.panel}>
      <summary>{t('title')}</summary>
      {form.message ? <MessageBox message={form.message} /> : null}
      <form noValidate onSubmit={(event) => void submit(event)} aria-busy={form.submitting} className={styles.filters}>
        <ErrorNotice message={form.formError} />
        <FormField name="kindId" label={t('kind')} error={form.fieldErrors.kindId}>
          {(control) => (
            <select {...control}>
              {kinds.map((kind) => (
                <option key={kind.id} value={kind.id}>
                  {locale === 'ur' ? kind.nameUr : kind.nameEn}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <TextField name="name" label={t('name')} error={form.fieldErrors.name} dir="auto" maxLength={200} required />
        <TextField name="city" label={t('city')} error={form.fieldErrors.city} dir="auto" maxLength={100} />
        <TextField name="bench" label={t('bench')} error={form.fieldErrors.bench} dir="auto" maxLength={100} />
        <TextField name="timeZone" label={t('timeZone')} hint={t('timeZoneHint')} error={form.fieldErrors.timeZone} dir="ltr" placeholder="Asia/Karachi" />
        <div className={styles.actions}>
          <button type="submit" disabled={form.submitting}>
            {form.submitting ? t('submitting') : t('submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
