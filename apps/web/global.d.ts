import type { routing } from './i18n/routing';
import type { Messages as CatalogueMessages } from './messages/catalogue';

// Typed message keys: a missing or misspelt key fails the type check, not the page.
declare module 'next-intl' {
  interface AppConfig {
    Locale: (typeof routing.locales)[number];
    Messages: CatalogueMessages;
  }
}
