import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { parseExpiresAt } from '../expiry/expiry-timers.service';
import type { Caller } from '../../../libs/auth/caller';
import { judgeProjectGrant } from '../../../libs/domain/collaborator-checks';
import { Conflict, NotFound, RuleViolation } from '../../../libs/domain/errors';
import { assertBulkSize, hasControlCharacters } from '../../../libs/domain/invitations';
import { assertCanInviteWithTypes } from '../../../libs/domain/permissions';
import { ProjectAccess } from '../../../libs/domain/project-access';
import { AssignableType, WorkspaceRole, assertAssignableTypes, assertRolesAllowed } from '../../../libs/domain/roles';
import { Invitation, Organisation, User, WorkspaceMember, normaliseEmail } from '../../../libs/persistence/entities';
import { loadProjectGrantFacts } from '../../../libs/persistence/queries/workspace-actor';
import { toProjectAccess } from '../collaborators/dto/invite-collaborator.dto';
import { WorkspaceAccess } from '../workspaces/workspace-access.service';
import { InviteByEmailDto } from './dto/invitation.dto';

/** One address of a request: already pending (R-I5), or to invite. `field` names it in a refusal. */
export type PlannedAddress = { email: string; field: string; organisationId: string | null; pending?: Invitation };

export interface InvitationPlan {
  workspaceId: string;
  types: AssignableType[];
  role: WorkspaceRole;
  projectAccess: ProjectAccess;
  addresses: PlannedAddress[];
  /** R-E1: the end date the accepted membership will carry. */
  membershipExpiresAt?: Date | null;
}

/**
 * Every check of an invitation request (R-W6, R-I5, R-I6, R-I9) that needs no lock, in the
 * order the API answers them; writes nothing. The rate limits are decided afterwards, in
 * the transaction that writes the rows. Also the direct baseline of bench/invitations.
 */
@Injectable()
export class InvitationPlanner {
  constructor(
    private readonly em: EntityManager,
    private readonly access: WorkspaceAccess,
  ) {}

  async plan(caller: Caller, workspaceId: string, dto: InviteByEmailDto): Promise<InvitationPlan> {
    const actor = await this.access.memberOf(caller, workspaceId);
    assertBulkSize(dto.emails.length);
    dto.emails.forEach(assertDeliverableAddress);
    const types = dto.types as AssignableType[];
    assertAssignableTypes(types);
    assertCanInviteWithTypes(actor, types);
    assertRolesAllowed([dto.role], types, 'role');
    const projectAccess = toProjectAccess(dto.projectAccess);
    const membershipExpiresAt = parseExpiresAt(dto.membershipExpiresAt, 'membershipExpiresAt');
    const em = this.em.fork();
    judgeProjectGrant(projectAccess, await loadProjectGrantFacts(em, workspaceId, actor.organisationId, projectAccess));
    if (dto.organisationId && !(await em.count(Organisation, dto.organisationId))) throw new NotFound('organisation', 'organisationId');

    const emails = dto.emails.map(normaliseEmail);
    emails.forEach((email, i) => {
      if (emails.indexOf(email) !== i) throw new RuleViolation('R-I5', `${email} is listed twice`, { field: `emails[${i}]` });
    });
    const users = new Map((await em.find(User, { email: { $in: emails } }, { populate: ['organisation'] })).map((u) => [u.email, u]));
    const members = new Set(
      (await em.find(WorkspaceMember, { workspace: workspaceId, user: { $in: [...users.values()].map((u) => u.id) } }, { fields: ['user'] })).map(
        (m) => m.user.id,
      ),
    );
    emails.forEach((email, i) => {
      const user = users.get(email);
      if (user && dto.organisationId && user.organisation.id !== dto.organisationId) {
        throw new RuleViolation('R-W6', `${email} belongs to another organisation than organisationId`, { field: `emails[${i}]` });
      }
      if (user && members.has(user.id)) throw new Conflict(`${email} is already a member of this workspace; change its roles instead`, 'R-W6');
    });
    // R-I5: a pending invitation is returned, not sent again.
    const pending = new Map((await em.find(Invitation, { pendingKey: { $in: emails.map((e) => `${workspaceId}:${e}`) } })).map((i) => [i.email, i]));
    const addresses = emails.map((email, i): PlannedAddress => ({
      email,
      field: `emails[${i}]`,
      organisationId: users.get(email)?.organisation.id ?? dto.organisationId ?? null,
      pending: pending.get(email),
    }));
    return { workspaceId, types, role: dto.role, projectAccess, addresses, membershipExpiresAt };
  }
}

/** R-I9: an address SMTP can carry: no control characters (quoted or not), a valid form, at most 320 characters. */
function assertDeliverableAddress(email: string, i: number): void {
  const field = `emails[${i}]`;
  if (hasControlCharacters(email))
    throw new RuleViolation('R-I9', `${field} contains a control character (line break, NUL…); an email address cannot`, { field });
  if (email.length > 320 || !isEmail(email)) throw new RuleViolation('R-W6', `${field} is not a valid email address`, { field });
}
