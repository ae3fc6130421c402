import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../libs/auth/caller';
import { NotFound } from '../../../libs/domain/errors';
import { judgeSaveProjectCollaborators } from '../../../libs/domain/project-checks';
import { CollaboratorEntry, projectBusy, refuseCollaboratorRemoval } from '../../../libs/domain/projects';
import { SaveProjectCollaboratorsInput, projectOperationIds } from '../../../libs/operations/project-operations';
import { operationLocks } from '../../../libs/operations/operation-locks';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { Project, ProjectCollaborator } from '../../../libs/persistence/entities';
import { loadSaveProjectCollaboratorsFacts } from '../../../libs/persistence/queries/project-facts';
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

  /** R-P1, R-P2, R-P5: the same loader and judge as the workflow's activity (inside its transaction, R-P3), here for a fast answer. */
  async save(caller: Caller, projectId: string, dto: SaveProjectCollaboratorsDto): Promise<OperationAccepted> {
    const entries: CollaboratorEntry[] = dto.collaborators.map((c) => ({ key: c.key, canReverse: c.canReverse ?? false }));
    judgeSaveProjectCollaborators(await loadSaveProjectCollaboratorsFacts(this.em, caller.userId, projectId, entries), entries);

    const workspaceId = (await this.em.findOneOrFail(Project, projectId)).workspace.id;
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
