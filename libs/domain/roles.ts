import { RuleViolation } from './errors';

/** Collaboration types (seed 001). `Owner` is implicit to the owning organisation (R-W1). */
export const COLLABORATION_TYPES = ['Owner', 'DataPartner', 'ProducerPartner', 'AnnotationPartner'] as const;
export type CollaborationType = (typeof COLLABORATION_TYPES)[number];
export const ASSIGNABLE_TYPES = ['DataPartner', 'ProducerPartner', 'AnnotationPartner'] as const;
export type AssignableType = (typeof ASSIGNABLE_TYPES)[number];

export const WORKSPACE_ROLES = ['Admin', 'Developer', 'ProjectManager', 'AnnotationManager'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const ORG_ROLES = ['OrgAdmin', 'DataOwner', 'Member'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** R-W2: the workspace roles each collaboration type allows. */
export const ROLES_BY_TYPE: Readonly<Record<CollaborationType, readonly WorkspaceRole[]>> = {
  Owner: ['Admin', 'Developer', 'ProjectManager', 'AnnotationManager'],
  DataPartner: ['Developer'],
  ProducerPartner: ['ProjectManager', 'AnnotationManager'],
  AnnotationPartner: ['AnnotationManager'],
};

/** R-W2: a member's allowed roles are the union over its organisation's types. */
export function allowedRolesFor(types: readonly CollaborationType[]): WorkspaceRole[] {
  const allowed = new Set<WorkspaceRole>();
  for (const type of types) for (const role of ROLES_BY_TYPE[type]) allowed.add(role);
  return WORKSPACE_ROLES.filter((r) => allowed.has(r));
}

/** R-W7: the roles that remain once a member's organisation has only `types`. */
export function rolesAllowedAfter(roles: readonly WorkspaceRole[], types: readonly CollaborationType[]): WorkspaceRole[] {
  const allowed = new Set(allowedRolesFor(types));
  return roles.filter((r) => allowed.has(r));
}

/** R-W2: every role must be allowed by the types; names the first one that is not. */
export function assertRolesAllowed(roles: readonly WorkspaceRole[], types: readonly CollaborationType[], field = 'roles'): void {
  const allowed = new Set(allowedRolesFor(types));
  const bad = roles.find((r) => !allowed.has(r));
  if (bad) {
    throw new RuleViolation('R-W2', `role ${bad} is not allowed for collaboration type(s) ${types.join(', ')}; allowed: ${[...allowed].join(', ') || 'none'}`, {
      field,
    });
  }
}

/** R-W1, R-W6, R-W7: assigned types are one or more, never Owner, never repeated. */
export function assertAssignableTypes(types: readonly string[], field = 'types'): asserts types is AssignableType[] {
  if (types.length === 0) {
    throw new RuleViolation('R-W7', 'a collaborator keeps at least one collaboration type', { field });
  }
  if (types.includes('Owner')) {
    throw new RuleViolation('R-W1', 'the Owner type belongs to the owning organisation and can never be assigned', { field });
  }
  const unknown = types.find((t) => !(ASSIGNABLE_TYPES as readonly string[]).includes(t));
  if (unknown) {
    throw new RuleViolation('R-W2', `unknown collaboration type ${unknown}; one of ${ASSIGNABLE_TYPES.join(', ')}`, { field });
  }
  if (new Set(types).size !== types.length) {
    throw new RuleViolation('R-W2', 'a collaboration type is listed twice', { field });
  }
}

export function isWorkspaceRole(value: string): value is WorkspaceRole {
  return (WORKSPACE_ROLES as readonly string[]).includes(value);
}
