import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../libs/auth/caller';
import { NotFound } from '../../../libs/domain/errors';
import {
  CollaboratorEntry,
  assertCanEditProject,
  assertCollaboratorOrganisations,
  assertCollaboratorsSavable,
  projectBusy,
  refuseCollaboratorRemoval,
} from '../../../libs/domain/projects';
import { SaveProjectCollaboratorsInput, projectOperationIds } from '../../../libs/operations/project-operations';
import { operationLocks } from '../../../libs/operations/operation-locks';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { Organisation, ProjectCollaborator, ProjectRequest } from '../../../libs/persistence/entities';
import { saveProjectCollaboratorsWorkflow } from '../../../workflows/save-project-collaborators.workflow';
import { OperationAccepted } from '../operations/operation.dto';
import { OperationGuardService } from '../operations/operation-guard.service';
import { SaveProjectCollaboratorsDto } from './dto/project-collaborators.dto';
import { ProjectAccess } from './project-access.service';

/** Project collaborators by organisation key (section 3). */
@Injectable()
export class ProjectCollaboratorsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ProjectAccess,
    private readonly operations: OperationGuardService,
  ) {}

  /** R-P1, R-P2, R-P5 checked here for a fast answer; the workflow's activity checks again inside its transaction (R-P3). */
  async save(caller: Caller, projectId: string, dto: SaveProjectCollaboratorsDto): Promise<OperationAccepted> {
    const { project, facts, viewer } = await this.access.visible(caller, projectId);
    assertCanEditProject(viewer, facts);
    const entries: CollaboratorEntry[] = dto.collaborators.map((c) => ({ key: c.key, canReverse: c.canReverse ?? false }));
    const open = await this.em.count(ProjectRequest, { project: projectId, status: { $in: ['submitted', 'in_review'] } });
    assertCollaboratorsSavable(facts, entries, open);
    const organisations = await this.em.find(Organisation, { key: { $in: entries.map((e) => e.key.toLowerCase()) } }, { fields: ['id', 'key'] });
    assertCollaboratorOrganisations(facts, entries, new Map(organisations.map((o) => [o.key.toLowerCase(), o.id])));

    const workspaceId = project.workspace.id;
    const workflowId = projectOperationIds.saveProjectCollaborators(projectId);
    const input: SaveProjectCollaboratorsInput = {
      actor: { userId: caller.userId, organisationId: caller.organisationId },
      workspaceId,
      projectId,
      collaborators: entries,
    };
    return this.operations.start(saveProjectCollaboratorsWorkflow, {
      workflowId,
      actor: caller,
      args: [input],
      searchAttributes: [
        { key: SearchAttr.projectId, value: projectId },
        { key: SearchAttr.workspaceId, value: workspaceId },
      ],
      lock: operationLocks.project(projectId),
      busy: projectBusy,
    });
  }

  /** R-P4: collaborators are permanent. An organisation that is not a collaborator is simply not found. */
  async remove(caller: Caller, projectId: string, organisationId: string): Promise<never> {
    await this.access.visible(caller, projectId);
    if (!(await this.em.count(ProjectCollaborator, { project: projectId, organisation: organisationId })))
      throw new NotFound('project collaborator', 'organisationId');
    refuseCollaboratorRemoval();
  }
}
