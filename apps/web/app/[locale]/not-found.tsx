import { getTranslations } from 'next-intl/server';
import { Link } from '../../i18n/navigation';

// Says only that nothing is here: never whether something exists and is hidden.
export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <p>
        <Link href="/">{t('home')}</Link>
      </p>
    </>
  );
}
