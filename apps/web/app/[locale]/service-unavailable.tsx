import { getTranslations } from 'next-intl/server';

export async function ServiceUnavailable() {
  const t = await getTranslations('unavailable');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      {/* A plain GET form reloads the page, which asks the API again. */}
      <form method="get">
        <button type="submit">{t('retry')}</button>
      </form>
    </>
  );
}
