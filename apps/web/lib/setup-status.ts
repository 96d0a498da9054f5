import { SetupStatusResponseSchema } from '@lapata/contracts';
import { apiUrl } from './api-url';
import { failureReason } from './failure-reason';

export type SetupStatus = 'needed' | 'done' | 'unavailable';

/** Asks the API (server to server, never cached) whether the first organisation still has to be made. */
export async function fetchSetupStatus(): Promise<SetupStatus> {
  let response: Response;
  try {
    response = await fetch(apiUrl('/setup/status'), {
      cache: 'no-store',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    console.error('Setup status unavailable', failureReason(error));
    return 'unavailable';
  }
  if (!response.ok) {
    console.error('Setup status unavailable', { status: response.status });
    return 'unavailable';
  }
  // A wrong shape is a bug between API and web, not an outage: let it fail loudly.
  const { needed } = SetupStatusResponseSchema.parse(await response.json());
  return needed ? 'needed' : 'done';
}
