import type { routing } from './i18n/routing';
import type en from './messages/en.json';

// Typed message keys: a missing or misspelt key fails the type check, not the page.
declare module 'next-intl' {
  interface AppConfig {
    Locale: (typeof routing.locales)[number];
    Messages: typeof en;
  }
}
