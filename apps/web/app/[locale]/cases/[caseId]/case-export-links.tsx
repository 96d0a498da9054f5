import type { CaseResponse } from '@lapata/contracts';
import { getTranslations } from 'next-intl/server';
import { Link } from '../../../../i18n/navigation';

/**
 * The case's printable summary, and for those who manage the case its downloads. Downloads go
 * through this origin's /api proxy with the session cookie; the API names the files by reference.
 */
export async function CaseExportLinks({ found }: { found: CaseResponse }) {
  const t = await getTranslations('caseExport');
  const mayExport = found.access.level === 'MANAGE' && !found.access.breakGlass;
  const api = `/api/cases/${found.id}`;
  return (
    <section className="page-section" aria-labelledby="case-export-heading">
      <h2 id="case-export-heading">{t('heading')}</h2>
      <ul>
        <li>
          <Link href={`/cases/${found.id}/summary`}>{t('summary')}</Link>
        </li>
        {mayExport ? (
          <>
            <li>
              {/* Plain links, not client navigation: the API answers with a file to save. */}
              <a href={`${api}/export.json`} download>
                {t('json')}
              </a>
            </li>
            <li>
              <a href={`${api}/export.pfif.xml`} download>
                {t('pfif')}
              </a>
            </li>
          </>
        ) : null}
      </ul>
      {mayExport ? <p className="hint">{t('warning')}</p> : null}
    </section>
  );
}
