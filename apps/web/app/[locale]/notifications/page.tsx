import { NotificationListResponseSchema } from '@lapata/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { dateTimeFormat } from '../cases/case-dates';
import { readFromApi } from '../../../lib/server-api';
import { ServiceUnavailable } from '../service-unavailable';
import { NotificationList, type NotificationView } from './notification-list';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('notifications');
  return { title: t('title') };
}

export default async function NotificationsPage() {
  const notifications = await readFromApi('/notifications', NotificationListResponseSchema);
  if (notifications.kind === 'unavailable') return <ServiceUnavailable />;
  if (notifications.kind === 'notFound') notFound();
  const t = await getTranslations('notifications');
  const format = await getFormatter();
  const views: NotificationView[] = notifications.data.items.map((notification) => ({
    id: notification.id,
    kind: notification.kind,
    caseId: notification.caseId,
    received: { iso: notification.createdAt, text: format.dateTime(new Date(notification.createdAt), dateTimeFormat) },
    read: notification.readAt !== null,
  }));
  return (
    <>
      <h1>{t('title')}</h1>
      <NotificationList notifications={views} />
    </>
  );
}
