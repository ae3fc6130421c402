import { NotFound, RuleViolation } from './errors';
import { CollaborationType, WorkspaceRole } from './roles';

/** What the rules need to know about the caller inside one workspace. */
export interface WorkspaceActor {
  userId: string;
  organisationId: string;
  /** Workspace roles; empty when the caller is not a member. */
  roles: readonly WorkspaceRole[];
  /** Organisations the caller's organisation has workforce access to (itself included). */
  workforceAccess: ReadonlySet<string>;
}

const COLLABORATOR_MANAGERS: readonly WorkspaceRole[] = ['Admin', 'Developer', 'ProjectManager'];

/** R-T1: a non-member learns nothing, not even that the workspace exists. */
export function assertWorkspaceMember(actor: Pick<WorkspaceActor, 'roles'> | undefined): void {
  if (!actor || actor.roles.length === 0) throw new NotFound('workspace');
}

/** R-W3: only Admin, Developer or ProjectManager may use collaborator management. */
export function assertCanManageCollaborators(actor: Pick<WorkspaceActor, 'roles'>): void {
  if (!actor.roles.some((r) => COLLABORATOR_MANAGERS.includes(r))) {
    throw new RuleViolation('R-W3', 'collaborator management needs the Admin, Developer or ProjectManager workspace role', { kind: 'forbidden' });
  }
}

/** R-W4: Admin and Developer invite with any type; ProjectManager only AnnotationPartner. */
export function assertCanInviteWithTypes(actor: Pick<WorkspaceActor, 'roles'>, types: readonly CollaborationType[]): void {
  assertCanManageCollaborators(actor);
  if (actor.roles.includes('Admin') || actor.roles.includes('Developer')) return;
  const other = types.find((t) => t !== 'AnnotationPartner');
  if (other) {
    throw new RuleViolation('R-W4', `a ProjectManager may invite only AnnotationPartner collaborators, not ${other}`, { kind: 'forbidden', field: 'types' });
  }
}

/** Workforce access is reflexive: every organisation manages its own workforce. */
export function hasWorkforceAccess(actor: Pick<WorkspaceActor, 'organisationId' | 'workforceAccess'>, organisationId: string): boolean {
  return actor.organisationId === organisationId || actor.workforceAccess.has(organisationId);
}

/** R-W5: Admins see every collaborator; others only those they have workforce access to. */
export function canSeeCollaborator(actor: WorkspaceActor, collaboratorOrganisationId: string): boolean {
  return actor.roles.includes('Admin') || hasWorkforceAccess(actor, collaboratorOrganisationId);
}

/** R-W6 (b), R-W10: acting on a whole organisation needs workforce access to it. */
export function assertWorkforceAccess(actor: WorkspaceActor, organisationId: string, rule: 'R-W6' | 'R-W10', field = 'organisationId'): void {
  if (!hasWorkforceAccess(actor, organisationId)) {
    throw new RuleViolation(rule, 'your organisation has no workforce access to that organisation', { kind: 'forbidden', field });
  }
}
