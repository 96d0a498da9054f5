'use client';

import type { Member } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useEffect, useState, type FormEvent } from 'react';
import { FormField } from '../../../../components/form-field';
import { useFormErrors } from '../../../../components/form-errors';
import { ErrorNotice } from '../../../../components/message-box';
import { callApi } from '../../../../lib/api-client';
import { lazySchema, loadContracts } from '../../../../lib/lazy-contracts';
import { apiFieldText } from '../../cases/api-field-text';
import { AuditTimeline, KNOWN_ACTIONS as ACTIONS, KNOWN_ENTITIES as ENTITIES } from '../../cases/[caseId]/audit/audit-timeline';
import styles from '../../cases/[caseId]/audit/audit.module.css';


type Filters = Record<string, string>;

/**
 * The organisation's whole audit log with filters. Filters live in the page's state, never in its
 * address: the log is for administrators, and an address with a person's id would end up in
 * browser history.
 */
export function AuditLog() {
  const t = useTranslations('auditTrail');
  const { fieldErrors, formError, showErrors, clearErrors } = useFormErrors(['from', 'to']);
  const [members, setMembers] = useState<Member[]>([]);
  const [filters, setFilters] = useState<Filters>({});

  useEffect(() => {
    let current = true;
    void callApi('/organizations/current/members', lazySchema((contracts) => contracts.MemberListResponseSchema)).then((outcome) => {
      if (current && outcome.kind === 'ok') setMembers(outcome.data.members);
    });
    return () => {
      current = false;
    };
  }, []);

  async function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const next: Filters = {};
    for (const name of ['actorId', 'action', 'entity', 'from', 'to']) {
      const value = String(data.get(name) ?? '').trim();
      if (value) next[name] = value;
    }
    if (filters.caseId) next.caseId = filters.caseId;
    const { OrganizationAuditQuerySchema } = await loadContracts();
    const parsed = OrganizationAuditQuerySchema.safeParse(next);
    if (!parsed.success) {
      const errors: Partial<Record<'from' | 'to', string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'from' || field === 'to') errors[field] = apiFieldText([issue.message]);
      }
      showErrors(form, errors, t('organization.errorSummary'));
      return;
    }
    clearErrors();
    setFilters(next);
  }

  function clear(event: { currentTarget: HTMLButtonElement }) {
    event.currentTarget.form?.reset();
    setFilters({});
  }

  return (
    <>
      <form noValidate onSubmit={(event) => void apply(event)} aria-labelledby="audit-filters">
        <h2 id="audit-filters">{t('organization.filters')}</h2>
        <ErrorNotice message={formError} />
        <div className={styles.filters}>
          <div className="field">
            <label htmlFor="filter-actor">{t('organization.actor')}</label>
            <select id="filter-actor" name="actorId" defaultValue="">
              <option value="">{t('organization.anyone')}</option>
              {members.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.displayName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-action">{t('organization.action')}</label>
            <select id="filter-action" name="action" defaultValue="">
              <option value="">{t('organization.anyAction')}</option>
              {ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {t(`actionNames.${action}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-entity">{t('organization.entity')}</label>
            <select id="filter-entity" name="entity" defaultValue="">
              <option value="">{t('organization.anyEntity')}</option>
              {ENTITIES.map((entity) => (
                <option key={entity} value={entity}>
                  {t(`entityNames.${entity}`)}
                </option>
              ))}
            </select>
          </div>
          <FormField name="from" label={t('organization.from')} error={fieldErrors.from}>
            {(control) => <input {...control} type="date" />}
          </FormField>
          <FormField name="to" label={t('organization.to')} error={fieldErrors.to}>
            {(control) => <input {...control} type="date" />}
          </FormField>
        </div>
        <div className={styles.buttons}>
          <button type="submit">{t('organization.apply')}</button>
          <button type="button" className="secondary" onClick={clear}>
            {t('organization.clear')}
          </button>
        </div>
      </form>
      {filters.caseId ? (
        <div className="notice" role="status">
          <p>{t('organization.caseFilter')}</p>
        </div>
      ) : null}
      <AuditTimeline
        key={new URLSearchParams(filters).toString()}
        path="/organizations/current/audit"
        query={filters}
        onOnlyCase={filters.caseId ? undefined : (caseId) => setFilters((current) => ({ ...current, caseId }))}
      />
    </>
  );
}
