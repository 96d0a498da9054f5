import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from './actor';
import type { CasePermission, OrganizationPermission } from './permission';

/**
 * What a route needs before its use case runs, declared on every route. The session guard
 * enforces the session part; the use case calls `AccessService.require` for the rest (checks live
 * in services, so jobs and scripts get them too). The access-matrix test reads this metadata from
 * Nest's router, so a route without a declaration fails the build.
 */
export type RouteAccess =
  /** No session needed: login, setup, invitation and reset links, health, the calendar feed. */
  | { kind: 'public' }
  /** Any signed-in user acting on their own account (sessions, MFA, password). */
  | { kind: 'account' }
  /** A session that has not finished its second factor yet (MFA challenge and enrolment). */
  | { kind: 'pending-mfa' }
  | { kind: 'organization'; permission: OrganizationPermission }
  | { kind: 'case'; permission: CasePermission; param: string };

export const ROUTE_ACCESS = 'lapata:route-access';
export const WITHOUT_DATABASE = 'lapata:without-database';

/**
 * A public route that opens no request transaction: liveness must not depend on the database, and
 * readiness reports a database failure as 503 itself.
 */
export const WithoutDatabase = () => SetMetadata(WITHOUT_DATABASE, true);

export const Public = () => SetMetadata(ROUTE_ACCESS, { kind: 'public' } satisfies RouteAccess);
export const AccountAccess = () => SetMetadata(ROUTE_ACCESS, { kind: 'account' } satisfies RouteAccess);
export const PendingMfaAccess = () => SetMetadata(ROUTE_ACCESS, { kind: 'pending-mfa' } satisfies RouteAccess);
export const OrganizationAccess = (permission: OrganizationPermission) =>
  SetMetadata(ROUTE_ACCESS, { kind: 'organization', permission } satisfies RouteAccess);
export const CaseAccess = (permission: CasePermission, param = 'caseId') =>
  SetMetadata(ROUTE_ACCESS, { kind: 'case', permission, param } satisfies RouteAccess);

export interface RequestWithActor extends Request {
  actor?: Actor;
}

/** The signed-in actor; only on routes whose access is not `public`. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without a session');
  return actor;
});
