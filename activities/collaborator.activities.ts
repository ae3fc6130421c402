import { MikroORM } from '@mikro-orm/core';
import { judgeInviteOrganisation } from '../libs/domain/collaborator-checks';
import type { InviteOrganisationInput } from '../libs/operations/contracts';
import { Collaborator, Organisation, Project, ProjectAccessGrant, Workspace } from '../libs/persistence/entities';
import { loadInviteOrganisationFacts } from '../libs/persistence/queries/collaborator-facts';

/** Steps that write collaborators. Each re-checks its rules: the API's check was only the fast answer. */
export function createCollaboratorActivities(deps: { orm: MikroORM }) {
  return {
    /** R-W6 (b), judged as the API judged it. Idempotent: a retry finds the collaborator it created and returns it. */
    async persistCollaborator(input: InviteOrganisationInput): Promise<{ collaboratorId: string }> {
      return deps.orm.em.fork().transactional(async (em) => {
        const facts = await loadInviteOrganisationFacts(em, input.actor.userId, input.workspaceId, input);
        if (facts.collaboratorId) return { collaboratorId: facts.collaboratorId };
        judgeInviteOrganisation(facts, input);

        const workspace = em.getReference(Workspace, input.workspaceId);
        const organisation = em.getReference(Organisation, input.organisationId);
        const collaborator = new Collaborator({
          workspace,
          organisation,
          types: input.types,
          projectAccess: input.projectAccess.mode,
          invitedBy: facts.actor.userId,
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
