import { getTranslations } from 'next-intl/server';
import type { ActiveRole } from '../active-role';
import { CaseDeletionForm } from './case-deletion-form';

/**
 * "Delete case" on the case page, for organisation administrators only (the API's case.delete is
 * theirs alone; it also refuses anyone else, and an administrator acting on another
 * organisation's case through a grant).
 */
export async function CaseDeletion({ caseId, role }: { caseId: string; role: ActiveRole | 'unavailable' }) {
  if (role !== 'ORG_ADMIN') return null;
  const t = await getTranslations('erasure.delete');
  return (
    <section className="page-section" aria-labelledby="case-deletion-heading">
      <h2 id="case-deletion-heading">{t('title')}</h2>
      <p>{t('intro')}</p>
      <p>{t('window')}</p>
      <CaseDeletionForm caseId={caseId} />
    </section>
  );
}
