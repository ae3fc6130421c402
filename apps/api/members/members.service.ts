import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../libs/auth/caller';
import { judgeAssignRoles } from '../../../libs/domain/collaborator-checks';
import { collaboratorBusy } from '../../../libs/domain/collaborator-rules';
import { RuleViolation } from '../../../libs/domain/errors';
import { operationLocks } from '../../../libs/operations/operation-locks';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { workspaceOperationIds } from '../../../libs/operations/workspace-operations';
import { WorkspaceMember } from '../../../libs/persistence/entities';
import { loadMemberFacts } from '../../../libs/persistence/queries/collaborator-facts';
import { assignRolesWorkflow } from '../../../workflows/assign-roles.workflow';
import { ExpiryTimers, parseExpiresAt } from '../expiry/expiry-timers.service';
import { Page, PageQuery, afterCursor, toPage } from '../http/pagination';
import { OperationAccepted } from '../operations/operation.dto';
import { OperationGuardService } from '../operations/operation-guard.service';
import { WorkspaceAccess } from '../workspaces/workspace-access.service';
import { AssignRolesDto, MemberView, mapMember } from './dto/member.dto';
import { EditMemberDto } from './dto/member-expiry.dto';

@Injectable()
export class MembersService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: WorkspaceAccess,
    private readonly operations: OperationGuardService,
    private readonly timers: ExpiryTimers,
  ) {}

  /** Every member sees who else is a member (as in GitLab); non-members get 404 (R-T1). */
  async list(caller: Caller, workspaceId: string, page: PageQuery): Promise<Page<MemberView>> {
    await this.access.memberOf(caller, workspaceId);
    const rows = await this.em.find(
      WorkspaceMember,
      { workspace: workspaceId, ...afterCursor(page.cursor) },
      { populate: ['user'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: page.limit + 1 },
    );
    return toPage(rows, page.limit, mapMember);
  }

  /** R-W2: only roles the member organisation's types allow; checked here and in the activity. */
  async assignRoles(caller: Caller, workspaceId: string, userId: string, dto: AssignRolesDto): Promise<OperationAccepted> {
    const facts = await loadMemberFacts(this.em, caller.userId, workspaceId, userId);
    const member = judgeAssignRoles(facts, dto.roles);
    return this.operations.start(assignRolesWorkflow, {
      workflowId: workspaceOperationIds.assignRoles(workspaceId, userId),
      actor: caller,
      args: [{ actor: { userId: caller.userId, organisationId: caller.organisationId }, workspaceId, userId, roles: dto.roles }],
      searchAttributes: [
        { key: SearchAttr.workspaceId, value: workspaceId },
        { key: SearchAttr.organisationId, value: member.organisationId },
        { key: SearchAttr.userId, value: userId },
      ],
      // R-O1, R-W7, R-W11: refused while its collaborator is edited, filled or removed, and the reverse.
      lock: operationLocks.member(workspaceId, member.organisationId, userId),
      busy: collaboratorBusy,
    });
  }

  /**
   * R-E1: sets, moves or clears the membership's end date (who may: as for its roles, R-W3),
   * then points its timer at it. The answer names the timer (an operation).
   */
  async edit(caller: Caller, workspaceId: string, userId: string, dto: EditMemberDto): Promise<MemberView & { expiryOperationId: string }> {
    const expiresAt = parseExpiresAt(dto.expiresAt);
    if (expiresAt === undefined)
      throw new RuleViolation('R-E1', 'expiresAt: required (a date-time in the future, or null to clear it)', { field: 'expiresAt' });
    // R-W3: who may end a membership is who may assign its roles (here: the roles it has).
    const facts = await loadMemberFacts(this.em, caller.userId, workspaceId, userId);
    judgeAssignRoles(facts, facts.member?.roles ?? []);
    const member = await this.em.findOneOrFail(WorkspaceMember, { workspace: workspaceId, user: userId }, { populate: ['user', 'workspace'] });
    if (userId === caller.userId && expiresAt)
      throw new RuleViolation('R-E1', 'you cannot put an end date on your own membership', { kind: 'forbidden', field: 'userId' });
    member.expiresAt = expiresAt;
    await this.em.flush();
    const expiryOperationId = await this.timers.schedule({ kind: 'member', workspaceId, userId }, expiresAt, caller, {
      access: `user ${userId}`,
      place: member.workspace.name,
    });
    return Object.assign(mapMember(member), { expiryOperationId });
  }
}
