import { randomUUID } from 'node:crypto';
import type { CollaborationType } from '../../../libs/domain/roles';
import { Invitation, User, Workspace } from '../../../libs/persistence/entities';
import { aMember, anOrganisation, aWorkspace, grantWorkforceAccess, manyUsers, waitForOperation } from '../../support/factories';
import type { TestApp } from '../../support/test-app';
import type { Recording } from './recording';

/** An owner organisation (its OrgAdmin creates a workspace) with workforce access to a partner of `partnerUsers` users. */
async function ownerAndPartner(t: TestApp, partnerUsers = 3) {
  const owner = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }] });
  const partner = await anOrganisation(t.orm, { users: [{ orgRoles: ['OrgAdmin'] }, ...Array.from({ length: partnerUsers - 1 }, () => ({}))] });
  await grantWorkforceAccess(t.orm, owner.organisation, partner.organisation);
  const token = await t.tokenFor(owner.users[0]);
  const ws = await aWorkspace(t.http, token);
  return { owner, partner, token, ws };
}

/** Runs an operation through the API to its end and returns its id; it must end as `status`. */
async function operation(t: TestApp, token: string, res: { status: number; body: { operationId?: string } }, status = 'succeeded'): Promise<string> {
  if (res.status !== 202 || !res.body.operationId) throw new Error(`expected 202 with an operation, got ${res.status}: ${JSON.stringify(res.body)}`);
  const op = await waitForOperation(t.http, token, res.body.operationId, 120_000);
  if (op.status !== status) throw new Error(`operation ${op.id} ended ${op.status}, expected ${status}: ${JSON.stringify(op.error)}`);
  return op.id;
}

async function inviteOrganisation(t: TestApp, s: Awaited<ReturnType<typeof ownerAndPartner>>, types: CollaborationType[]): Promise<string> {
  const res = await t.http
    .as(s.token)
    .post(`/workspaces/${s.ws.id}/collaborators`, { organisationId: s.partner.organisation.id, types, projectAccess: { mode: 'full' } });
  return operation(t, s.token, res);
}

/** A new user of the partner organisation, added by its OrgAdmin: starts the auto-invite workflow. */
async function newPartnerUser(t: TestApp, s: Awaited<ReturnType<typeof ownerAndPartner>>): Promise<string> {
  const partnerAdmin = await t.tokenFor(s.partner.users[0]);
  const created = await t.http
    .as(partnerAdmin)
    .post(`/organisations/${s.partner.organisation.id}/users`, { email: `new-${randomUUID()}@example.test`, name: 'New' });
  return operation(t, partnerAdmin, created);
}

export const workspaceRecordings: Recording[] = [
  {
    name: 'invite-organisation',
    covers: 'R-W6 (b) an organisation invited as collaborator',
    run: async ({ t }) => inviteOrganisation(t, await ownerAndPartner(t), ['DataPartner']),
  },
  {
    name: 'assign-roles',
    covers: 'R-W2 a member given new roles',
    run: async ({ t }) => {
      const s = await ownerAndPartner(t);
      await inviteOrganisation(t, s, ['ProducerPartner']);
      const member = s.partner.users[1];
      await aMember(t.orm, s.ws.id, member, ['AnnotationManager']);
      return operation(
        t,
        s.token,
        await t.http.as(s.token).put(`/workspaces/${s.ws.id}/members/${member.id}/roles`, { roles: ['ProjectManager', 'AnnotationManager'] }),
      );
    },
  },
  {
    name: 'auto-invite.two-workspaces',
    covers: 'R-W9 a new user joins the two workspaces that auto-invite its organisation (their audit entries in one step)',
    run: async ({ t }) => {
      const s = await ownerAndPartner(t);
      for (const ws of [s.ws, await aWorkspace(t.http, s.token)]) {
        const invited = await t.http.as(s.token).post(`/workspaces/${ws.id}/collaborators`, {
          organisationId: s.partner.organisation.id,
          types: ['AnnotationPartner'],
          projectAccess: { mode: 'full' },
        });
        await operation(t, s.token, invited);
        await operation(
          t,
          s.token,
          await t.http
            .as(s.token)
            .patch(`/workspaces/${ws.id}/collaborators/${s.partner.organisation.id}`, { autoInvite: true, autoInviteRole: 'AnnotationManager' }),
        );
      }
      return newPartnerUser(t, s);
    },
  },
  {
    name: 'auto-invite.no-workspace',
    covers: 'R-W9 a new user of an organisation no workspace auto-invites joins nothing',
    run: async ({ t }) => newPartnerUser(t, await ownerAndPartner(t)),
  },
  {
    name: 'edit-collaborator.settings',
    covers: 'R-W8, R-W9 project access and auto invite changed, types kept: no member is touched',
    run: async ({ t }) => {
      const s = await ownerAndPartner(t);
      await inviteOrganisation(t, s, ['AnnotationPartner']);
      const res = await t.http
        .as(s.token)
        .patch(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}`, { autoInvite: true, autoInviteRole: 'AnnotationManager' });
      return operation(t, s.token, res);
    },
  },
  {
    name: 'edit-collaborator.types',
    covers: 'R-W7 a type removed: roles stripped batch by batch, continued as new',
    run: async ({ t }) => {
      const s = await ownerAndPartner(t);
      await inviteOrganisation(t, s, ['ProducerPartner', 'AnnotationPartner']);
      for (const u of s.partner.users) await aMember(t.orm, s.ws.id, u, ['ProjectManager', 'AnnotationManager']);
      const res = await t.http.as(s.token).patch(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}`, { types: ['AnnotationPartner'] });
      return operation(t, s.token, res);
    },
  },
  {
    name: 'add-all-users',
    covers: 'R-W10 every user of the organisation added, continued as new',
    run: async ({ t }) => {
      const s = await ownerAndPartner(t, 1);
      await manyUsers(t.orm, s.partner.organisation, 20);
      await inviteOrganisation(t, s, ['ProducerPartner']);
      return operation(
        t,
        s.token,
        await t.http.as(s.token).post(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}/add-all-users`, { role: 'AnnotationManager' }),
      );
    },
  },
  {
    name: 'remove-collaborator',
    covers: 'R-W11 members removed in batches (continued as new), then the collaborator; a revoked invitation whose workflow is gone',
    run: async ({ t }) => {
      const s = await ownerAndPartner(t);
      await inviteOrganisation(t, s, ['DataPartner']);
      for (const u of s.partner.users) await aMember(t.orm, s.ws.id, u, ['Developer']);
      // A pending invitation sent by a partner user, whose workflow no longer runs: the signal to it fails and is ignored.
      const em = t.orm.em.fork();
      em.persist(
        new Invitation({
          workspace: em.getReference(Workspace, s.ws.id),
          email: `from-${randomUUID()}@example.test`,
          inviter: em.getReference(User, s.partner.users[0].id),
          types: ['DataPartner'],
          role: 'Developer',
          projectAccess: { mode: 'full' },
          tokenHash: randomUUID(),
          expiresAt: new Date(Date.now() + 86_400_000),
          workflowId: `gone.${randomUUID()}`,
          organisationId: null,
        }),
      );
      await em.flush();
      return operation(t, s.token, await t.http.as(s.token).delete(`/workspaces/${s.ws.id}/collaborators/${s.partner.organisation.id}`));
    },
  },
];
