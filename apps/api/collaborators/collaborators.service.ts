import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../libs/auth/caller';
import { Conflict, NotFound } from '../../../libs/domain/errors';
import { assertCanInviteWithTypes, assertWorkforceAccess } from '../../../libs/domain/permissions';
import { assertProjectAccessWithin } from '../../../libs/domain/project-access';
import { assertAssignableTypes } from '../../../libs/domain/roles';
import { operationIds } from '../../../libs/operations/operation-ids';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { Collaborator, Organisation, Project } from '../../../libs/persistence/entities';
import { projectAccessOf } from '../../../libs/persistence/queries/workspace-actor';
import { inviteOrganisationWorkflow } from '../../../workflows/invite-organisation.workflow';
import { OperationAccepted } from '../operations/operation.dto';
import { OperationsService } from '../operations/operations.service';
import { WorkspaceAccess } from '../workspaces/workspace-access.service';
import { InviteCollaboratorDto, toProjectAccess } from './dto/invite-collaborator.dto';

@Injectable()
export class CollaboratorsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: WorkspaceAccess,
    private readonly operations: OperationsService,
  ) {}

  /** R-W6 (b), checked here for a fast answer and again by the workflow's activity. */
  async invite(caller: Caller, workspaceId: string, dto: InviteCollaboratorDto): Promise<OperationAccepted> {
    const actor = await this.access.memberOf(caller, workspaceId);
    const types = dto.types;
    assertAssignableTypes(types);
    assertCanInviteWithTypes(actor, types);
    assertWorkforceAccess(actor, dto.organisationId, 'R-W6');
    if (!(await this.em.count(Organisation, dto.organisationId))) throw new NotFound('organisation', 'organisationId');
    if (await this.em.count(Collaborator, { workspace: workspaceId, organisation: dto.organisationId })) {
      throw new Conflict('that organisation is already a collaborator of this workspace; edit it instead', 'R-W6');
    }
    const projectAccess = toProjectAccess(dto.projectAccess);
    const projectIds = (await this.em.find(Project, { workspace: workspaceId }, { fields: ['id'] })).map((p) => p.id);
    assertProjectAccessWithin(projectAccess, await projectAccessOf(this.em, workspaceId, actor.organisationId), projectIds);

    return this.operations.start(inviteOrganisationWorkflow, {
      workflowId: operationIds.inviteOrganisation(workspaceId, dto.organisationId),
      actor: caller,
      args: [{ actor: { userId: caller.userId, organisationId: caller.organisationId }, workspaceId, organisationId: dto.organisationId, types, projectAccess }],
      searchAttributes: [
        { key: SearchAttr.workspaceId, value: workspaceId },
        { key: SearchAttr.organisationId, value: dto.organisationId },
      ],
    });
  }
}
