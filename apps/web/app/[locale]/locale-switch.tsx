'use client';

import { useLocale } from 'next-intl';
import { Link, usePathname } from '../../i18n/navigation';
import { routing, type Locale } from '../../i18n/routing';

// Each language is named in itself, so a person who cannot read the current one still finds theirs.
const languageNames: Record<Locale, string> = { en: 'English', ur: 'اردو' };

export function LocaleSwitch({ label }: { label: string }) {
  const pathname = usePathname();
  const current = useLocale();
  return (
    <nav className="locale-switch" aria-label={label}>
      <ul>
        {routing.locales.map((locale) => (
          <li key={locale}>
            <Link
              href={pathname}
              locale={locale}
              lang={locale}
              hrefLang={locale}
              aria-current={locale === current ? 'true' : undefined}
            >
              {languageNames[locale]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
