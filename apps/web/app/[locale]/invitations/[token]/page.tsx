import { InvitationPreviewSchema, type InvitationPreview } from '@lapata/contracts';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { apiUrl } from '../../../../lib/api-url';
import { failureReason } from '../../../../lib/failure-reason';
import { ServiceUnavailable } from '../../service-unavailable';
import { AcceptInvitationForm } from './accept-invitation-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('invitation');
  return { title: t('title') };
}

/** Asks the API (server to server, never cached) what the link offers; `invalid` for any refused link. */
async function fetchPreview(token: string): Promise<InvitationPreview | 'invalid' | 'unavailable'> {
  let response: Response;
  try {
    // The token goes in the body: the API keeps secrets out of paths (and so out of its logs).
    response = await fetch(apiUrl('/invitations/preview'), {
      method: 'POST',
      cache: 'no-store',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    console.error('Invitation preview unavailable', failureReason(error));
    return 'unavailable';
  }
  if (response.status === 400) return 'invalid';
  if (!response.ok) {
    console.error('Invitation preview unavailable', { status: response.status });
    return 'unavailable';
  }
  return InvitationPreviewSchema.parse(await response.json());
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const preview = await fetchPreview(token);
  if (preview === 'unavailable') return <ServiceUnavailable />;
  const t = await getTranslations('invitation');
  if (preview === 'invalid') {
    return (
      <>
        <h1>{t('title')}</h1>
        <div className="notice notice-error" role="alert">
          <h2>{t('invalidTitle')}</h2>
          <p>{t('invalidBody')}</p>
        </div>
      </>
    );
  }
  const tRoles = await getTranslations('organization.roles');
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro', { organization: preview.organizationName, role: tRoles(preview.role) })}</p>
      <AcceptInvitationForm token={token} organizationName={preview.organizationName} />
    </>
  );
}
