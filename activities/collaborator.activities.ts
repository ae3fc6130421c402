import { MikroORM } from '@mikro-orm/core';
import { NotFound } from '../libs/domain/errors';
import { assertCanInviteWithTypes, assertWorkforceAccess } from '../libs/domain/permissions';
import { assertAssignableTypes } from '../libs/domain/roles';
import type { InviteOrganisationInput } from '../libs/operations/contracts';
import { Collaborator, Organisation, Project, ProjectAccessGrant, Workspace } from '../libs/persistence/entities';
import { assertProjectAccessGrantable, loadWorkspaceActor } from '../libs/persistence/queries/workspace-actor';

/** Steps that write collaborators. Each re-checks its rules: the API's check was only the fast answer. */
export function createCollaboratorActivities(deps: { orm: MikroORM }) {
  return {
    /** R-W6 (b). Idempotent: a retry finds the collaborator it created and returns it. */
    async persistCollaborator(input: InviteOrganisationInput): Promise<{ collaboratorId: string }> {
      return deps.orm.em.fork().transactional(async (em) => {
        const workspace = await em.findOne(Workspace, input.workspaceId);
        if (!workspace) throw new NotFound('workspace');
        const existing = await em.findOne(Collaborator, { workspace, organisation: input.organisationId });
        if (existing) return { collaboratorId: existing.id };

        const actor = await loadWorkspaceActor(em, input.actor.userId, input.workspaceId);
        assertAssignableTypes(input.types);
        assertCanInviteWithTypes(actor, input.types);
        assertWorkforceAccess(actor, input.organisationId, 'R-W6');
        await assertProjectAccessGrantable(em, workspace.id, actor.organisationId, input.projectAccess);

        const organisation = await em.findOne(Organisation, input.organisationId);
        if (!organisation) throw new NotFound('organisation', 'organisationId');
        const collaborator = new Collaborator({
          workspace,
          organisation,
          types: input.types,
          projectAccess: input.projectAccess.mode,
          invitedBy: actor.userId,
        });
        if (input.expiry) collaborator.expiresAt = new Date(input.expiry.expiresAt);
        em.persist(collaborator);
        if (input.projectAccess.mode === 'limited') {
          for (const projectId of input.projectAccess.projectIds) em.persist(new ProjectAccessGrant(collaborator, em.getReference(Project, projectId)));
        }
        return { collaboratorId: collaborator.id };
      });
    },
  };
}
