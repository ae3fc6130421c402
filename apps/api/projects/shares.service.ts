import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../libs/auth/caller';
import { Conflict, NotFound, RuleViolation } from '../../../libs/domain/errors';
import { judgeShareTarget, judgeTransferOwnership } from '../../../libs/domain/project-checks';
import { assertCanChangeShares, assertCanLeave, projectBusy } from '../../../libs/domain/projects';
import { assertSharePermissions } from '../../../libs/domain/shares';
import { TransferOwnershipInput, projectOperationIds } from '../../../libs/operations/project-operations';
import { operationLocks } from '../../../libs/operations/operation-locks';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { AuditEntry, Project, Share, User } from '../../../libs/persistence/entities';
import { loadShareTarget, loadTransferOwnershipFacts } from '../../../libs/persistence/queries/project-facts';
import { transferOwnershipWorkflow } from '../../../workflows/transfer-ownership.workflow';
import { ExpiryTimers, parseExpiresAt } from '../expiry/expiry-timers.service';
import { OperationAccepted } from '../operations/operation.dto';
import { OperationGuardService } from '../operations/operation-guard.service';
import { AddShareDto, ProjectSharingView, ShareView, TransferOwnershipDto, UpdateShareDto } from './dto/share.dto';
import { refusingRaces } from './concurrent-write';
import { ProjectAccess } from './project-access.service';
import type { AuditAction } from '../../../libs/domain/audit-actions';

/** Sharing and ownership (section 4). Share changes are single local writes; the ownership handover is a saga workflow. */
@Injectable()
export class SharesService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ProjectAccess,
    private readonly operations: OperationGuardService,
    private readonly timers: ExpiryTimers,
  ) {}

  /** R-S3: whoever can see the project may read who owns and shares it. */
  async list(caller: Caller, projectId: string): Promise<ProjectSharingView> {
    const { project, facts, viewer } = await this.access.visible(caller, projectId);
    const shares = await this.em.find(Share, { project: projectId }, { populate: ['user'], orderBy: { createdAt: 'asc', id: 'asc' } });
    let canChange = true;
    try {
      assertCanChangeShares(viewer, facts);
    } catch {
      canChange = false;
    }
    return { projectId, owner: { id: project.owner.id, name: project.owner.name }, shares: shares.map(mapShare), canChange };
  }

  /** R-S2, R-S3 */
  async add(caller: Caller, projectId: string, dto: AddShareDto): Promise<ShareView> {
    const { project, facts, viewer } = await this.access.visible(caller, projectId);
    assertCanChangeShares(viewer, facts);
    const permissions = assertSharePermissions(dto.permissions);
    const expiresAt = parseExpiresAt(dto.expiresAt) ?? null;
    judgeShareTarget(facts, await loadShareTarget(this.em, project, dto.userId), 'userId');
    const user = await this.em.findOneOrFail(User, dto.userId);
    await this.assertNoHandoverRunning(projectId);
    const share = await refusingRaces(
      () =>
        this.em.transactional(async (em) => {
          if (await em.count(Share, { project: projectId, user: user.id }))
            throw new Conflict('the project is already shared with that user; change the share instead', 'R-S2');
          const created = new Share(em.getReference(Project, projectId), em.getReference(User, user.id), permissions);
          created.expiresAt = expiresAt;
          em.persist([created, audit(project, caller, 'project.share_added', { userId: user.id, permissions, ...(expiresAt ? { expiresAt } : {}) })]);
          return created;
        }),
      'the project is already shared with that user; change the share instead',
    );
    const view: ShareView = { userId: user.id, name: user.name, permissions: share.permissions, expiresAt: expiresAt?.toISOString() ?? null };
    if (expiresAt) view.expiryOperationId = await this.schedule(caller, project, user.id, expiresAt);
    return view;
  }

  /** R-S2, R-S3 (also how a new owner reduces the previous owner's full share, R-S4). */
  async update(caller: Caller, projectId: string, userId: string, dto: UpdateShareDto): Promise<ShareView> {
    const { project, facts, viewer } = await this.access.visible(caller, projectId);
    assertCanChangeShares(viewer, facts);
    const permissions = dto.permissions === undefined ? undefined : assertSharePermissions(dto.permissions);
    const expiresAt = parseExpiresAt(dto.expiresAt);
    if (!permissions && expiresAt === undefined) throw new RuleViolation('input', 'nothing to change: send permissions or expiresAt', { field: 'body' });
    await this.assertNoHandoverRunning(projectId);
    const share = await this.em.transactional(async (em) => {
      const row = await em.findOne(Share, { project: projectId, user: userId }, { populate: ['user'] });
      if (!row) throw new NotFound('share', 'userId');
      const change = { userId, ...(permissions ? { from: row.permissions, to: permissions } : {}), ...(expiresAt !== undefined ? { expiresAt } : {}) };
      em.persist(audit(project, caller, 'project.share_changed', change));
      if (permissions) row.permissions = permissions;
      if (expiresAt !== undefined) row.expiresAt = expiresAt;
      return row;
    });
    const view = mapShare(share);
    if (expiresAt !== undefined) view.expiryOperationId = await this.schedule(caller, project, userId, expiresAt);
    return view;
  }

  /** R-E1: points the share's timer at its end date (after the commit: the timer asks the row). */
  private schedule(caller: Caller, project: Project, userId: string, expiresAt: Date | null): Promise<string> {
    const target = { kind: 'share' as const, workspaceId: project.workspace.id, projectId: project.id, userId };
    return this.timers.schedule(target, expiresAt, caller, { access: `user ${userId}`, place: `project ${project.name}` });
  }

  /** R-S3 */
  async remove(caller: Caller, projectId: string, userId: string): Promise<void> {
    const { project, facts, viewer } = await this.access.visible(caller, projectId);
    assertCanChangeShares(viewer, facts);
    await this.assertNoHandoverRunning(projectId);
    await this.deleteShare(project, caller, userId, 'project.share_deleted');
  }

  /** R-S6: the caller abandons a project shared with it; the owner must hand ownership over first. */
  async leave(caller: Caller, projectId: string): Promise<void> {
    const { project, facts, viewer } = await this.access.visible(caller, projectId);
    assertCanLeave(viewer, facts);
    await this.assertNoHandoverRunning(projectId);
    await this.deleteShare(project, caller, caller.userId, 'project.left');
  }

  /** R-S4, R-S5, R-S7: only the owner hands over; the saga makes it all or nothing. */
  async transferOwnership(caller: Caller, projectId: string, dto: TransferOwnershipDto): Promise<OperationAccepted> {
    const permissions = judgeTransferOwnership(await loadTransferOwnershipFacts(this.em, caller.userId, projectId, dto.newOwnerId), dto);
    const workspaceId = (await this.em.findOneOrFail(Project, projectId)).workspace.id;
    const workflowId = projectOperationIds.transferOwnership(projectId);
    const input: TransferOwnershipInput = {
      actor: { userId: caller.userId, organisationId: caller.organisationId },
      workspaceId,
      projectId,
      newOwnerId: dto.newOwnerId,
      permissions,
      leave: dto.leave ?? false,
    };
    return this.operations.start(transferOwnershipWorkflow, {
      workflowId,
      actor: caller,
      args: [input],
      searchAttributes: [
        { key: SearchAttr.projectId, value: projectId },
        { key: SearchAttr.workspaceId, value: workspaceId },
        { key: SearchAttr.userId, value: dto.newOwnerId },
      ],
      lock: operationLocks.project(projectId),
      busy: projectBusy,
    });
  }

  /**
   * R-S7: while a handover runs, shares stay as they are, so that its compensation (which
   * restores the shares read before its first step) never undoes someone else's change.
   */
  private async assertNoHandoverRunning(projectId: string): Promise<void> {
    const running = await this.operations.running(operationLocks.project(projectId));
    if (running?.startsWith('transfer-ownership.'))
      throw new Conflict('an ownership handover of this project is running; change shares when it has finished', 'R-S7');
  }

  private async deleteShare(project: Project, caller: Caller, userId: string, action: AuditAction): Promise<void> {
    await this.em.transactional(async (em) => {
      const row = await em.findOne(Share, { project: project.id, user: userId });
      if (!row) throw new NotFound('share', 'userId');
      em.remove(row);
      em.persist(audit(project, caller, action, { userId, permissions: row.permissions }));
    });
  }
}

function mapShare(share: Share): ShareView {
  return { userId: share.user.id, name: share.user.name, permissions: share.permissions, expiresAt: share.expiresAt ? share.expiresAt.toISOString() : null };
}

function audit(project: Project, caller: Caller, action: AuditAction, details: Record<string, unknown>): AuditEntry {
  return new AuditEntry({ workspaceId: project.workspace.id, projectId: project.id, actorId: caller.userId, action, details });
}
