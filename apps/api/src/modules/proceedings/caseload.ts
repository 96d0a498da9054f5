import type { Prisma } from '@lapata/db';

/** Who is looking, for the cases they work on across their caseload. */
export interface Viewer {
  userId: string;
  organizationId: string | null;
  isOrganizationAdmin: boolean;
}

/**
 * The cases a viewer works on, as a filter for repositories: every live case of their active
 * organisation for its administrators, otherwise the cases they hold a live grant on (any
 * organisation). Break-glass access is an emergency look, not a caseload: it adds nothing here.
 * The same rule as the case list (CaseRepository.findVisible).
 */
export function caseloadWhere(viewer: Viewer, now: Date): Prisma.CaseWhereInput {
  const liveGrant: Prisma.CaseWhereInput = {
    grants: {
      some: { userId: viewer.userId, kind: 'GRANT', revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    },
  };
  const visibility =
    viewer.isOrganizationAdmin && viewer.organizationId ? { OR: [{ organizationId: viewer.organizationId }, liveGrant] } : liveGrant;
  return { AND: [visibility, { deletedAt: null }] };
}

export function viewerOf(actor: { userId: string; organizationId: string | null; role: string | null }): Viewer {
  return { userId: actor.userId, organizationId: actor.organizationId, isOrganizationAdmin: actor.role === 'ORG_ADMIN' };
}
