import type { CollaborationType, WorkspaceRole } from '../../libs/domain/roles';
import { User, WorkspaceMember } from '../../libs/persistence/entities';
import { AnOrganisation, anOrganisation, aWorkspace, grantWorkforceAccess, waitForOperation } from '../support/factories';
import type { TestApp } from '../support/test-app';

export interface Setup {
  owner: AnOrganisation;
  partner: AnOrganisation;
  admin: User;
  adminToken: string;
  ws: { id: string };
}

/** Helpers of the collaborator tests, on the app `app()` returns (started in the file's beforeAll). */
export function collaboratorWorld(app: () => TestApp) {
  // Arrow functions, not methods: the tests destructure them.
  return {
    /** ACME (owner, its OrgAdmin is the workspace Admin) with workforce access to a partner of `partnerUsers` users. */
    acmeWithPartner: async (partnerUsers = 3): Promise<Setup> => {
      const t = app();
      const owner = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }, {}, {}] });
      const partner = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }, ...Array.from({ length: partnerUsers - 1 }, () => ({}))] });
      await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
      const adminToken = await t.tokenFor(owner.users[0]);
      const ws = await aWorkspace(t.http, adminToken);
      return { owner, partner, admin: owner.users[0], adminToken, ws };
    },

    invite: async (s: Setup, organisationId: string, types: CollaborationType[], projectAccess: unknown = { mode: 'full' }): Promise<void> => {
      const t = app();
      const res = await t.http.as(s.adminToken).post(`/workspaces/${s.ws.id}/collaborators`, { organisationId, types, projectAccess });
      expect(res.status).toBe(202);
      const op = await waitForOperation(t.http, s.adminToken, res.body.operationId);
      expect(op.status).toBe('succeeded');
    },

    patch: (token: string, s: Setup, organisationId: string, body: unknown) => {
      return app().http.as(token).patch(`/workspaces/${s.ws.id}/collaborators/${organisationId}`, body);
    },

    rolesOf: async (workspaceId: string, userId: string): Promise<WorkspaceRole[] | undefined> => {
      return (await app().orm.em.fork().findOne(WorkspaceMember, { workspace: workspaceId, user: userId }))?.roles;
    },
  };
}
