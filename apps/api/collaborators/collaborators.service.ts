import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../libs/auth/caller';
import {
  CollaboratorFacts,
  CollaboratorSettingsRequest,
  judgeActOnCollaborator,
  judgeAddAllUsers,
  judgeCollaboratorSettings,
  judgeInviteOrganisation,
  judgeRemoveCollaborator,
} from '../../../libs/domain/collaborator-checks';
import { collaboratorBusy } from '../../../libs/domain/collaborator-rules';
import { RuleViolation } from '../../../libs/domain/errors';
import { assertCanManageCollaborators } from '../../../libs/domain/permissions';
import { ProjectAccess } from '../../../libs/domain/project-access';
import { operationIds } from '../../../libs/operations/operation-ids';
import { operationLocks } from '../../../libs/operations/operation-locks';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { workspaceOperationIds } from '../../../libs/operations/workspace-operations';
import { Collaborator, Organisation, ProjectAccessGrant, Workspace } from '../../../libs/persistence/entities';
import { loadCollaboratorFacts, loadInviteOrganisationFacts } from '../../../libs/persistence/queries/collaborator-facts';
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

  /** R-W6 (b): the same loader and judge as the workflow's activity, here for a fast answer. */
  async invite(caller: Caller, workspaceId: string, dto: InviteCollaboratorDto): Promise<OperationAccepted> {
    const projectAccess = toProjectAccess(dto.projectAccess);
    const facts = await loadInviteOrganisationFacts(this.em, caller.userId, workspaceId, { organisationId: dto.organisationId, projectAccess });
    if (facts.collaboratorId && facts.actor.roles.length > 0) {
      // R-O1: a removal of it running makes the invite work once it ends; the judge names it.
      const running = await this.operations.running(operationLocks.collaborator(workspaceId, dto.organisationId));
      if (running === workspaceOperationIds.removeCollaborator(workspaceId, dto.organisationId)) facts.runningRemoval = running;
    }
    const types = judgeInviteOrganisation(facts, { organisationId: dto.organisationId, types: dto.types, projectAccess });
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
    const projectAccess = dto.projectAccess ? toProjectAccess(dto.projectAccess) : undefined;
    const facts = await this.collaboratorFacts(caller, workspaceId, organisationId, projectAccess);
    const collaborator = judgeActOnCollaborator(facts, 'edited');
    const expiresAt = parseExpiresAt(dto.expiresAt);
    const request = { types: dto.types, projectAccess, autoInvite: dto.autoInvite, autoInviteRole: dto.autoInviteRole };
    const settings = dto.types !== undefined || dto.projectAccess !== undefined || dto.autoInvite !== undefined || dto.autoInviteRole !== undefined;
    if (!settings && expiresAt === undefined) {
      throw new RuleViolation('input', 'nothing to change: send types, projectAccess, autoInvite, autoInviteRole or expiresAt', { field: 'body' });
    }
    if (expiresAt === undefined) return this.editSettings(caller, facts, workspaceId, organisationId, request);
    const edit = settings ? await this.editSettings(caller, facts, workspaceId, organisationId, request) : undefined;
    await this.em.nativeUpdate(Collaborator, { id: collaborator.id }, { expiresAt });
    const [organisation, workspace] = await Promise.all([this.em.findOneOrFail(Organisation, organisationId), this.em.findOneOrFail(Workspace, workspaceId)]);
    const names = { access: organisation.name, place: workspace.name };
    const timer = await this.timers.schedule({ kind: 'collaborator', workspaceId, organisationId }, expiresAt, caller, names);
    return edit ?? accepted(timer);
  }

  private async editSettings(
    caller: Caller,
    facts: CollaboratorFacts,
    workspaceId: string,
    organisationId: string,
    request: CollaboratorSettingsRequest,
  ): Promise<OperationAccepted> {
    const settings = judgeCollaboratorSettings(facts, request);
    const workflowId = workspaceOperationIds.editCollaborator(workspaceId, organisationId);
    return this.operations.start(editCollaboratorWorkflow, {
      workflowId,
      actor: caller,
      args: [{ actor: actorOf(caller), workspaceId, organisationId, ...settings }],
      searchAttributes: collaboratorAttributes(workspaceId, organisationId),
      ...guarded(workspaceId, organisationId),
    });
  }

  /** R-W10: only with workforce access to the organisation; the role must be allowed (R-W2). */
  async addAllUsers(caller: Caller, workspaceId: string, organisationId: string, dto: AddAllUsersDto): Promise<OperationAccepted> {
    const role = judgeAddAllUsers(await this.collaboratorFacts(caller, workspaceId, organisationId), { role: dto.role });

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
    judgeRemoveCollaborator(await this.collaboratorFacts(caller, workspaceId, organisationId));
    const workflowId = workspaceOperationIds.removeCollaborator(workspaceId, organisationId);
    return this.operations.start(removeCollaboratorWorkflow, {
      workflowId,
      actor: caller,
      args: [{ actor: actorOf(caller), workspaceId, organisationId }],
      searchAttributes: collaboratorAttributes(workspaceId, organisationId),
      ...guarded(workspaceId, organisationId),
    });
  }

  /**
   * The facts edit, add-all-users and remove are judged by. R-O1: an absent collaborator
   * may be being invited (the only operation that runs on one): the API asks which, so the
   * judge can answer a 409 naming it to someone who may see that organisation.
   */
  private async collaboratorFacts(caller: Caller, workspaceId: string, organisationId: string, requested?: ProjectAccess): Promise<CollaboratorFacts> {
    const facts = await loadCollaboratorFacts(this.em, caller.userId, workspaceId, organisationId, requested);
    if (!facts.collaborator && facts.actor.roles.length > 0)
      facts.runningOperation = await this.operations.running(operationLocks.collaborator(workspaceId, organisationId));
    return facts;
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
