import type { OrgRole } from '../domain/roles';

/** The authenticated user behind a request. */
export interface Caller {
  userId: string;
  organisationId: string;
  email: string;
  orgRoles: OrgRole[];
}
