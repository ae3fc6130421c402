import { MikroORM } from '@mikro-orm/core';
import { NotFound } from '../libs/domain/errors';
import { judgeSaveProjectCollaborators } from '../libs/domain/project-checks';
import type { SaveProjectCollaboratorsInput, SaveProjectCollaboratorsResult } from '../libs/operations/project-operations';
import { Organisation, Project, ProjectCollaborator } from '../libs/persistence/entities';
import { AuditRecord, writeAuditEntry } from './audit.activities';
import { loadSaveProjectCollaboratorsFacts } from '../libs/persistence/queries/project-facts';

/** Steps that write project collaborators (section 3). Each re-checks its rules: the API's check was only the fast answer. */
export function createProjectActivities(deps: { orm: MikroORM }) {
  return {
    /**
     * R-P1..R-P3, R-P5 in one transaction, so several collaborators are saved all or
     * nothing. The project row is locked first and request submission locks it too, so a
     * request submitted while this runs is either seen here (refused, R-P5) or waits.
     * Idempotent: a retry finds the rows it wrote and writes the same values again.
     */
    async saveProjectCollaborators(input: SaveProjectCollaboratorsInput): Promise<SaveProjectCollaboratorsResult> {
      return deps.orm.em.fork().transactional(async (em) => {
        // The project row is locked by the loader, first.
        const facts = await loadSaveProjectCollaboratorsFacts(em, input.actor.userId, input.projectId, input.collaborators, { lock: true });
        judgeSaveProjectCollaborators(facts, input.collaborators);
        const project = await em.findOneOrFail(Project, input.projectId);

        const keys = input.collaborators.map((c) => c.key.toLowerCase());
        const organisations = await em.find(Organisation, { key: { $in: keys } });
        const byKey = new Map(organisations.map((o) => [o.key.toLowerCase(), o]));

        const existing = await em.find(ProjectCollaborator, { project, organisation: { $in: organisations.map((o) => o.id) } });
        const byOrganisation = new Map(existing.map((c) => [c.organisation.id, c]));
        const result: SaveProjectCollaboratorsResult = { added: [], updated: [] };
        for (const entry of input.collaborators) {
          const organisation = byKey.get(entry.key.toLowerCase());
          if (!organisation) throw new NotFound('organisation', 'collaborators'); // assertCollaboratorOrganisations refused it already
          const row = byOrganisation.get(organisation.id);
          const view = { organisationId: organisation.id, name: organisation.name, canReverse: entry.canReverse };
          if (row) {
            row.canReverse = entry.canReverse;
            result.updated.push(view);
          } else {
            em.persist(new ProjectCollaborator(project, organisation, entry.canReverse));
            result.added.push(view);
          }
        }
        await em.flush();
        return result;
      });
    },

    /** Section 6: the audit entry of a project operation. */
    async recordProjectAudit(record: AuditRecord): Promise<void> {
      await writeAuditEntry(deps.orm, record);
    },
  };
}
