import { getLocale } from 'next-intl/server';
import { redirect } from '../../i18n/navigation';
import { fetchSetupStatus } from '../../lib/setup-status';
import { ServiceUnavailable } from './service-unavailable';

export default async function HomePage() {
  const status = await fetchSetupStatus();
  if (status === 'unavailable') return <ServiceUnavailable />;
  redirect({ href: status === 'needed' ? '/setup' : '/login', locale: await getLocale() });
}
