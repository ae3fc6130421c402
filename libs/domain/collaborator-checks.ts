import {
  assertAutoInviteRole,
  assertCanActOnCollaborator,
  assertCanAssignRoles,
  assertCanEditTypes,
  assertNotOwnerCollaborator,
  collaboratorBusy,
  defaultMemberRole,
} from './collaborator-rules';
import { Conflict, NotFound } from './errors';
import {
  WorkspaceActor,
  assertCanInviteWithTypes,
  assertCanManageCollaborators,
  assertWorkforceAccess,
  assertWorkspaceMember,
  canSeeCollaborator,
} from './permissions';
import { ProjectAccess, assertProjectAccessWithin } from './project-access';
import { AssignableType, CollaborationType, WorkspaceRole, assertAssignableTypes, assertRolesAllowed } from './roles';

/**
 * One check per operation (issue 14, item 4): each judge below runs the whole check
 * sequence of one operation in one fixed order, on facts loaded by its one loader
 * (libs/persistence/queries/collaborator-facts.ts). The API calls loader and judge for the
 * fast answer, the activity calls the same pair inside its transaction for the
 * authoritative one, so the two can never answer differently or in another order.
 */

/** R-W8: what judging a requested project access needs, loaded for the requested projects alone. */
export interface ProjectGrantFacts {
  /** Those of the requested projects that belong to the workspace. */
  inWorkspace: string[];
  /** The editor organisation's own access; when limited, only among the requested projects. */
  editorAccess: ProjectAccess;
}

/** R-W8: the requested access names only workspace projects the editor organisation can access itself. */
export function judgeProjectGrant(requested: ProjectAccess, grant: ProjectGrantFacts | undefined, field?: string): void {
  if (!grant) throw new Error('the project-access facts of the request were not loaded');
  assertProjectAccessWithin(requested, grant.editorAccess, grant.inWorkspace, field);
}

export interface InviteOrganisationFacts {
  actor: WorkspaceActor;
  organisationExists: boolean;
  /** The organisation's collaborator row in the workspace when it is one already. */
  collaboratorId: string | null;
  /** R-O1: the running removal of that collaborator, when the caller looked (the API does). */
  runningRemoval?: string;
  grant: ProjectGrantFacts;
}

export interface InviteOrganisationRequest {
  organisationId: string;
  types: readonly string[];
  projectAccess: ProjectAccess;
}

/** R-T1, R-W1, R-W2, R-W4, R-W6 (b), R-O1, R-W8: invite an organisation as a collaborator. Answers the judged types. */
export function judgeInviteOrganisation(facts: InviteOrganisationFacts, request: InviteOrganisationRequest): AssignableType[] {
  const { actor } = facts;
  assertWorkspaceMember(actor);
  const types = [...request.types];
  assertAssignableTypes(types);
  assertCanInviteWithTypes(actor, types);
  assertWorkforceAccess(actor, request.organisationId, 'R-W6');
  if (!facts.organisationExists) throw new NotFound('organisation', 'organisationId');
  if (facts.collaboratorId) {
    // R-O1: while it is being removed, the invite works once the removal ends: name it.
    if (facts.runningRemoval) throw collaboratorBusy(facts.runningRemoval);
    throw new Conflict('that organisation is already a collaborator of this workspace; edit it instead', 'R-W6');
  }
  judgeProjectGrant(request.projectAccess, facts.grant);
  return types;
}

export interface CollaboratorRow {
  id: string;
  types: CollaborationType[];
  autoInvite: boolean;
  autoInviteRole: WorkspaceRole | null;
}

/** What edit, remove and add-all-users need to know about one collaborator and who acts on it. */
export interface CollaboratorFacts {
  actor: WorkspaceActor;
  organisationId: string;
  collaborator: CollaboratorRow | null;
  /** R-O1: the operation running on an absent collaborator (its invitation), when the caller looked (the API does). */
  runningOperation?: string;
  /** R-W8: loaded when the request changes the project access. */
  grant?: ProjectGrantFacts;
}

/**
 * R-W5, R-O1: the collaborator row, else 404, or a 409 naming the invitation that is
 * creating it, told only to someone who may see that organisation.
 */
function existing(facts: CollaboratorFacts): CollaboratorRow {
  if (facts.collaborator) return facts.collaborator;
  if (facts.runningOperation && canSeeCollaborator(facts.actor, facts.organisationId)) throw collaboratorBusy(facts.runningOperation);
  throw new NotFound('collaborator', 'organisationId');
}

/** R-T1, R-W3, R-W4, R-W5, R-W1/R-W11: who may edit or remove an existing collaborator, never the owner organisation's. */
export function judgeActOnCollaborator(facts: CollaboratorFacts, action: 'edited' | 'removed'): CollaboratorRow {
  assertWorkspaceMember(facts.actor);
  assertCanManageCollaborators(facts.actor);
  const collaborator = existing(facts);
  assertCanActOnCollaborator(facts.actor, { organisationId: facts.organisationId, types: collaborator.types });
  assertNotOwnerCollaborator(collaborator.types, action);
  return collaborator;
}

/** R-W11: remove a collaborator. */
export function judgeRemoveCollaborator(facts: CollaboratorFacts): void {
  judgeActOnCollaborator(facts, 'removed');
}

export interface CollaboratorSettingsRequest {
  types?: readonly string[];
  projectAccess?: ProjectAccess;
  autoInvite?: boolean;
  autoInviteRole?: WorkspaceRole | null;
}
export type CollaboratorSettings = Omit<CollaboratorSettingsRequest, 'types'> & { types?: AssignableType[] };

/**
 * R-W1, R-W2, R-W4, R-W7, R-W8, R-W9: the settings part of an edit, on a collaborator the
 * actor may edit (judgeActOnCollaborator first). Answers the judged settings.
 */
export function judgeCollaboratorSettings(facts: CollaboratorFacts, request: CollaboratorSettingsRequest): CollaboratorSettings {
  const collaborator = existing(facts);
  let types: CollaborationType[] = collaborator.types;
  let newTypes: AssignableType[] | undefined;
  if (request.types) {
    const asked = [...request.types];
    assertAssignableTypes(asked);
    assertCanEditTypes(facts.actor, asked);
    types = newTypes = asked;
  }
  if (request.projectAccess) judgeProjectGrant(request.projectAccess, facts.grant);
  const autoInvite = request.autoInvite ?? collaborator.autoInvite;
  const autoInviteRole = request.autoInviteRole !== undefined ? request.autoInviteRole : collaborator.autoInviteRole;
  if (autoInvite) assertAutoInviteRole(autoInvite, autoInviteRole, types);
  else if (request.autoInviteRole) assertRolesAllowed([request.autoInviteRole], types, 'autoInviteRole');
  return { types: newTypes, projectAccess: request.projectAccess, autoInvite: request.autoInvite, autoInviteRole: request.autoInviteRole };
}

/** R-W1..R-W9: edit a collaborator's settings, the whole sequence. */
export function judgeEditCollaborator(facts: CollaboratorFacts, request: CollaboratorSettingsRequest): CollaboratorSettings {
  judgeActOnCollaborator(facts, 'edited');
  return judgeCollaboratorSettings(facts, request);
}

/** R-T1, R-W3, R-W10, R-W2: add every user of an organisation. Answers the role they receive (R-W10's default when none is asked). */
export function judgeAddAllUsers(facts: CollaboratorFacts, request: { role?: WorkspaceRole }): WorkspaceRole {
  assertWorkspaceMember(facts.actor);
  assertCanManageCollaborators(facts.actor);
  assertWorkforceAccess(facts.actor, facts.organisationId, 'R-W10');
  const collaborator = existing(facts);
  const role = request.role ?? defaultMemberRole(collaborator.types, collaborator.autoInviteRole);
  assertRolesAllowed([role], collaborator.types, 'role');
  return role;
}

/** What assigning roles to (or ending) one membership needs. */
export interface MemberFacts {
  actor: WorkspaceActor;
  member: { organisationId: string; roles: WorkspaceRole[] } | null;
  /** The types of the member organisation's collaborator row (none when it has no row). */
  memberTypes: CollaborationType[];
}

/** R-T1, R-W2, R-W3: assign a member's roles (also who may end a membership, R-E1, with its current roles). Answers the member. */
export function judgeAssignRoles(facts: MemberFacts, roles: readonly WorkspaceRole[]): NonNullable<MemberFacts['member']> {
  assertWorkspaceMember(facts.actor);
  const { member } = facts;
  if (!member) throw new NotFound('member', 'userId');
  assertCanAssignRoles(facts.actor, { organisationId: member.organisationId, currentRoles: member.roles }, roles, facts.memberTypes);
  return member;
}
