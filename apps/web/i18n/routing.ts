import { defineRouting } from 'next-intl/routing';

export const routing = defineRouting({
  locales: ['en', 'ur'],
  defaultLocale: 'en',
  localePrefix: 'always',
  // No locale cookie: the locale lives in the path, and we set no cookie the person did not ask for.
  localeCookie: false,
  // Pages are noindex; `Link: rel=alternate` headers would only advertise them.
  alternateLinks: false,
});

export type Locale = (typeof routing.locales)[number];

const rightToLeftLocales: ReadonlySet<Locale> = new Set<Locale>(['ur']);

export function localeDirection(locale: Locale): 'ltr' | 'rtl' {
  return rightToLeftLocales.has(locale) ? 'rtl' : 'ltr';
}
