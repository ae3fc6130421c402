import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../libs/auth/caller';
import {
  assertAutoInviteRole,
  assertCanActOnCollaborator,
  collaboratorBusy,
  assertCanEditTypes,
  assertNotOwnerCollaborator,
  defaultMemberRole,
} from '../../../libs/domain/collaborator-rules';
import { Conflict, NotFound, RuleViolation } from '../../../libs/domain/errors';
import {
  WorkspaceActor,
  assertCanInviteWithTypes,
  assertCanManageCollaborators,
  assertWorkforceAccess,
  canSeeCollaborator,
} from '../../../libs/domain/permissions';
import { ProjectAccess } from '../../../libs/domain/project-access';
import { CollaborationType, assertAssignableTypes, assertRolesAllowed } from '../../../libs/domain/roles';
import { operationIds } from '../../../libs/operations/operation-ids';
import { operationLocks } from '../../../libs/operations/operation-locks';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { workspaceOperationIds } from '../../../libs/operations/workspace-operations';
import { Collaborator, Organisation, ProjectAccessGrant, Workspace } from '../../../libs/persistence/entities';
import { assertProjectAccessGrantable } from '../../../libs/persistence/queries/workspace-actor';
import { addAllUsersWorkflow } from '../../../workflows/add-all-users.workflow';
import { editCollaboratorWorkflow } from '../../../workflows/edit-collaborator.workflow';
import { inviteOrganisationWorkflow } from '../../../workflows/invite-organisation.workflow';
import { removeCollaboratorWorkflow } from '../../../workflows/remove-collaborator.workflow';
import { ExpiryTimers, parseExpiresAt } from '../expiry/expiry-timers.service';
import { Page, PageQuery, afterCursor, toPage } from '../http/pagination';
import { OperationAccepted } from '../operations/operation.dto';
import { accepted } from '../operations/operations.service';
import { OperationGuardService } from '../operations/operation-guard.service';
import { WorkspaceAccess } from '../workspaces/workspace-access.service';
import { AddAllUsersDto, CollaboratorView, EditCollaboratorDto } from './dto/edit-collaborator.dto';
import { InviteCollaboratorDto, toProjectAccess } from './dto/invite-collaborator.dto';

@Injectable()
export class CollaboratorsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: WorkspaceAccess,
    private readonly operations: OperationGuardService,
    private readonly timers: ExpiryTimers,
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
      // R-O1: while it is being removed, the invite works once the removal ends: name it.
      const running = await this.operations.running(operationLocks.collaborator(workspaceId, dto.organisationId));
      if (running === workspaceOperationIds.removeCollaborator(workspaceId, dto.organisationId)) throw collaboratorBusy(running);
      throw new Conflict('that organisation is already a collaborator of this workspace; edit it instead', 'R-W6');
    }
    const projectAccess = toProjectAccess(dto.projectAccess);
    await assertProjectAccessGrantable(this.em, workspaceId, actor.organisationId, projectAccess);
    const expiresAt = parseExpiresAt(dto.expiresAt);
    const expiry = expiresAt ? { expiresAt: expiresAt.toISOString(), warningMs: this.timers.warningMs } : undefined;

    const workflowId = operationIds.inviteOrganisation(workspaceId, dto.organisationId);
    return this.operations.start(inviteOrganisationWorkflow, {
      workflowId,
      actor: caller,
      args: [{ actor: actorOf(caller), workspaceId, organisationId: dto.organisationId, types, projectAccess, expiry }],
      searchAttributes: collaboratorAttributes(workspaceId, dto.organisationId),
      ...guarded(workspaceId, dto.organisationId),
    });
  }

  /** R-W3 (collaborator management), R-W5 (Admins see all; others what they have workforce access to). */
  async list(caller: Caller, workspaceId: string, page: PageQuery): Promise<Page<CollaboratorView>> {
    const actor = await this.access.memberOf(caller, workspaceId);
    assertCanManageCollaborators(actor);
    const visible = actor.roles.includes('Admin') ? {} : { organisation: { $in: [...actor.workforceAccess] } };
    const rows = await this.em.find(
      Collaborator,
      { workspace: workspaceId, ...visible, ...afterCursor(page.cursor) },
      { populate: ['organisation'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: page.limit + 1 },
    );
    const limited = rows.filter((c) => c.projectAccess === 'limited').map((c) => c.id);
    const grants = limited.length ? await this.em.find(ProjectAccessGrant, { collaborator: { $in: limited } }, { fields: ['collaborator', 'project'] }) : [];
    return toPage(rows, page.limit, (c) => ({
      id: c.id,
      organisationId: c.organisation.id,
      organisationName: c.organisation.name,
      types: [...c.types],
      projectAccess:
        c.projectAccess === 'full'
          ? { mode: 'full' }
          : { mode: 'limited', projectIds: grants.filter((g) => g.collaborator.id === c.id).map((g) => g.project.id) },
      autoInvite: c.autoInvite,
      autoInviteRole: c.autoInviteRole,
      createdAt: c.createdAt.toISOString(),
      expiresAt: c.expiresAt ? c.expiresAt.toISOString() : null,
    }));
  }

  /**
   * R-W1, R-W7, R-W8, R-W9: edit types, project access and auto invite, as a workflow; R-E1: the
   * end date is written here and handed to its timer (alone, the answer follows the timer).
   */
  async edit(caller: Caller, workspaceId: string, organisationId: string, dto: EditCollaboratorDto): Promise<OperationAccepted> {
    const { actor, collaborator } = await this.actOn(caller, workspaceId, organisationId);
    assertNotOwnerCollaborator(collaborator.types, 'edited');
    const expiresAt = parseExpiresAt(dto.expiresAt);
    const settings = dto.types !== undefined || dto.projectAccess !== undefined || dto.autoInvite !== undefined || dto.autoInviteRole !== undefined;
    if (!settings && expiresAt === undefined) {
      throw new RuleViolation('input', 'nothing to change: send types, projectAccess, autoInvite, autoInviteRole or expiresAt', { field: 'body' });
    }
    if (expiresAt === undefined) return this.editSettings(caller, actor, collaborator, workspaceId, organisationId, dto);
    const edit = settings ? await this.editSettings(caller, actor, collaborator, workspaceId, organisationId, dto) : undefined;
    await this.em.nativeUpdate(Collaborator, { id: collaborator.id }, { expiresAt });
    const names = { access: collaborator.organisation.name, place: (await this.em.findOneOrFail(Workspace, workspaceId)).name };
    const timer = await this.timers.schedule({ kind: 'collaborator', workspaceId, organisationId }, expiresAt, caller, names);
    return edit ?? accepted(timer);
  }

  private async editSettings(
    caller: Caller,
    actor: WorkspaceActor,
    collaborator: Collaborator,
    workspaceId: string,
    organisationId: string,
    dto: EditCollaboratorDto,
  ): Promise<OperationAccepted> {
    let types: CollaborationType[] = collaborator.types;
    if (dto.types) {
      assertAssignableTypes(dto.types);
      assertCanEditTypes(actor, dto.types);
      types = dto.types;
    }
    const projectAccess = dto.projectAccess ? toProjectAccess(dto.projectAccess) : undefined;
    if (projectAccess) await this.assertProjectAccess(actor, workspaceId, projectAccess);
    const autoInvite = dto.autoInvite ?? collaborator.autoInvite;
    const autoInviteRole = dto.autoInviteRole !== undefined ? dto.autoInviteRole : collaborator.autoInviteRole;
    if (autoInvite) assertAutoInviteRole(autoInvite, autoInviteRole, types);
    else if (dto.autoInviteRole) assertRolesAllowed([dto.autoInviteRole], types, 'autoInviteRole');

    const workflowId = workspaceOperationIds.editCollaborator(workspaceId, organisationId);
    return this.operations.start(editCollaboratorWorkflow, {
      workflowId,
      actor: caller,
      args: [
        {
          actor: actorOf(caller),
          workspaceId,
          organisationId,
          types: dto.types,
          projectAccess,
          autoInvite: dto.autoInvite,
          autoInviteRole: dto.autoInviteRole,
        },
      ],
      searchAttributes: collaboratorAttributes(workspaceId, organisationId),
      ...guarded(workspaceId, organisationId),
    });
  }

  /** R-W10: only with workforce access to the organisation; the role must be allowed (R-W2). */
  async addAllUsers(caller: Caller, workspaceId: string, organisationId: string, dto: AddAllUsersDto): Promise<OperationAccepted> {
    const actor = await this.access.memberOf(caller, workspaceId);
    assertCanManageCollaborators(actor);
    assertWorkforceAccess(actor, organisationId, 'R-W10');
    const collaborator = await this.em.findOne(Collaborator, { workspace: workspaceId, organisation: organisationId });
    if (!collaborator) throw await this.absentOrBeingInvited(actor, workspaceId, organisationId);
    const role = dto.role ?? defaultMemberRole(collaborator.types, collaborator.autoInviteRole);
    assertRolesAllowed([role], collaborator.types, 'role');

    const workflowId = workspaceOperationIds.addAllUsers(workspaceId, organisationId);
    return this.operations.start(addAllUsersWorkflow, {
      workflowId,
      actor: caller,
      args: [{ actor: actorOf(caller), workspaceId, organisationId, role }],
      searchAttributes: collaboratorAttributes(workspaceId, organisationId),
      ...guarded(workspaceId, organisationId),
    });
  }

  /** R-W11 (and R-W1): remove a collaborator and everything it brought, as a workflow. */
  async remove(caller: Caller, workspaceId: string, organisationId: string): Promise<OperationAccepted> {
    const { collaborator } = await this.actOn(caller, workspaceId, organisationId);
    assertNotOwnerCollaborator(collaborator.types, 'removed');
    const workflowId = workspaceOperationIds.removeCollaborator(workspaceId, organisationId);
    return this.operations.start(removeCollaboratorWorkflow, {
      workflowId,
      actor: caller,
      args: [{ actor: actorOf(caller), workspaceId, organisationId }],
      searchAttributes: collaboratorAttributes(workspaceId, organisationId),
      ...guarded(workspaceId, organisationId),
    });
  }

  private async actOn(caller: Caller, workspaceId: string, organisationId: string): Promise<{ actor: WorkspaceActor; collaborator: Collaborator }> {
    const actor = await this.access.memberOf(caller, workspaceId);
    assertCanManageCollaborators(actor);
    const collaborator = await this.em.findOne(Collaborator, { workspace: workspaceId, organisation: organisationId }, { populate: ['organisation'] });
    if (!collaborator) throw await this.absentOrBeingInvited(actor, workspaceId, organisationId);
    assertCanActOnCollaborator(actor, { organisationId, types: collaborator.types });
    return { actor, collaborator };
  }

  /**
   * R-O1: not a collaborator yet, but its invitation is running (the only operation that
   * runs on an absent collaborator): a 409 naming it, as the request works once it ends.
   * Only to someone who may see that organisation; anyone else gets the plain 404.
   */
  private async absentOrBeingInvited(actor: WorkspaceActor, workspaceId: string, organisationId: string): Promise<Error> {
    if (!canSeeCollaborator(actor, organisationId)) return new NotFound('collaborator', 'organisationId');
    const running = await this.operations.running(operationLocks.collaborator(workspaceId, organisationId));
    return running ? collaboratorBusy(running) : new NotFound('collaborator', 'organisationId');
  }

  private async assertProjectAccess(actor: WorkspaceActor, workspaceId: string, requested: ProjectAccess): Promise<void> {
    // R-W8, looked up for the requested projects only (never every project of the workspace).
    await assertProjectAccessGrantable(this.em, workspaceId, actor.organisationId, requested);
  }
}

function actorOf(caller: Caller) {
  return { userId: caller.userId, organisationId: caller.organisationId };
}

/** R-O1: every operation on a collaborator holds its lock; a different one running is a 409 naming it. */
function guarded(workspaceId: string, organisationId: string) {
  return { lock: operationLocks.collaborator(workspaceId, organisationId), busy: collaboratorBusy };
}

function collaboratorAttributes(workspaceId: string, organisationId: string) {
  return [
    { key: SearchAttr.workspaceId, value: workspaceId },
    { key: SearchAttr.organisationId, value: organisationId },
  ];
}
