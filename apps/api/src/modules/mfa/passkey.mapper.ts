import type { Passkey } from '@lapata/contracts';
import type { PasskeySummary } from './passkey.repository';

export function toPasskeyResponse(passkey: PasskeySummary): Passkey {
  return {
    id: passkey.id,
    name: passkey.name,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
  };
}
