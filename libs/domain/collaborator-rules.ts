import { Conflict, NotFound, RuleViolation } from './errors';
import { WorkspaceActor, assertCanInviteWithTypes, assertCanManageCollaborators, canSeeCollaborator, hasWorkforceAccess } from './permissions';
import { CollaborationType, WorkspaceRole, allowedRolesFor, assertRolesAllowed } from './roles';

/** R-W1 (and R-W11): the owner organisation's collaborator row is never edited or removed. */
export function assertNotOwnerCollaborator(types: readonly CollaborationType[], action: 'edited' | 'removed'): void {
  if (types.includes('Owner')) {
    throw new RuleViolation(action === 'removed' ? 'R-W11' : 'R-W1', `the owner organisation of a workspace can never be ${action}`, {
      kind: 'forbidden',
      field: 'organisationId',
    });
  }
}

/**
 * R-W4 applied to edits: whoever may not invite with a type may not give it either, nor
 * edit a collaborator that has it (a ProjectManager edits AnnotationPartners only).
 */
export function assertCanEditTypes(actor: Pick<WorkspaceActor, 'roles'>, newTypes: readonly CollaborationType[]): void {
  assertCanInviteWithTypes(actor, newTypes);
}

/** R-W9: auto invite needs a role, and that role must be allowed by the collaborator's types. */
export function assertAutoInviteRole(autoInvite: boolean, role: WorkspaceRole | null, types: readonly CollaborationType[]): void {
  if (!autoInvite) return;
  if (!role) throw new RuleViolation('R-W9', 'auto invite needs an autoInviteRole', { field: 'autoInviteRole' });
  try {
    assertRolesAllowed([role], types, 'autoInviteRole');
  } catch (e) {
    if (e instanceof RuleViolation) throw new RuleViolation('R-W9', e.message, { field: 'autoInviteRole' });
    throw e;
  }
}

/**
 * R-W10: the role members added in bulk receive when none is asked for: the auto-invite
 * role when set and allowed, else the least privileged role the types allow.
 */
export function defaultMemberRole(types: readonly CollaborationType[], autoInviteRole: WorkspaceRole | null): WorkspaceRole {
  const allowed = allowedRolesFor(types);
  if (autoInviteRole && allowed.includes(autoInviteRole)) return autoInviteRole;
  const role = allowed.at(-1);
  if (!role) throw new RuleViolation('R-W2', 'the collaborator has no type that allows a workspace role');
  return role;
}

/**
 * R-W2 + R-W3 for role assignment: a collaborator manager assigns roles; only an Admin
 * grants or takes away Admin; a non-Admin acts only on members of organisations its own
 * organisation has workforce access to (R-W5: the ones it can see). At least one role.
 */
export function assertCanAssignRoles(
  actor: WorkspaceActor,
  member: { organisationId: string; currentRoles: readonly WorkspaceRole[] },
  roles: readonly WorkspaceRole[],
  memberTypes: readonly CollaborationType[],
): void {
  assertCanManageCollaborators(actor);
  if (roles.length === 0) throw new RuleViolation('R-W2', 'a member keeps at least one workspace role', { field: 'roles' });
  if (new Set(roles).size !== roles.length) throw new RuleViolation('R-W2', 'a role is listed twice', { field: 'roles' });
  if (!actor.roles.includes('Admin')) {
    if (!hasWorkforceAccess(actor, member.organisationId)) {
      throw new RuleViolation('R-W3', 'only an Admin may assign roles to members of an organisation your organisation has no workforce access to', {
        kind: 'forbidden',
      });
    }
    if (roles.includes('Admin') !== member.currentRoles.includes('Admin')) {
      throw new RuleViolation('R-W3', 'only an Admin may grant or take away the Admin role', { kind: 'forbidden', field: 'roles' });
    }
  }
  assertRolesAllowed(roles, memberTypes);
}

/** Section 6: two operations on one collaborator never interleave; the second is refused. */
export function collaboratorBusy(runningOperationId: string): Conflict {
  return new Conflict(`another operation on this collaborator is running (${runningOperationId}); retry when it has finished`);
}

/**
 * R-W3, R-W4, R-W5 for acting on an existing collaborator (edit, remove): a collaborator
 * manager who can see it (else 404, as if absent); a ProjectManager only on
 * AnnotationPartner collaborators, as it may only invite those.
 */
export function assertCanActOnCollaborator(actor: WorkspaceActor, collaborator: { organisationId: string; types: readonly CollaborationType[] }): void {
  assertCanManageCollaborators(actor);
  if (!canSeeCollaborator(actor, collaborator.organisationId)) throw new NotFound('collaborator', 'organisationId');
  if (!collaborator.types.includes('Owner')) assertCanInviteWithTypes(actor, collaborator.types);
}
