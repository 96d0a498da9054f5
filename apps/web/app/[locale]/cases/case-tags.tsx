import { useTranslations } from 'next-intl';
import styles from './cases.module.css';

export function CaseTags({ tags }: { tags: string[] }) {
  const t = useTranslations('cases');
  if (tags.length === 0) return <>{t('noTags')}</>;
  return (
    <ul className={styles.tags}>
      {tags.map((tag) => (
        <li key={tag} dir="auto">
          {tag}
        </li>
      ))}
    </ul>
  );
}
