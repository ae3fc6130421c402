import type { ProjectAccess } from '../domain/project-access';
import type { AssignableType, WorkspaceRole } from '../domain/roles';
import type { Actor } from './contracts';

/**
 * Issue 3 (seed 001): operation ids, inputs and results of the workspace collaborator,
 * member and role workflows. Shared by API, worker and tests; ids only, never an email.
 */
export const workspaceOperationIds = {
  assignRoles: (workspaceId: string, userId: string) => `assign-roles.${workspaceId}.${userId}`,
  editCollaborator: (workspaceId: string, organisationId: string) => `edit-collaborator.${workspaceId}.${organisationId}`,
  addAllUsers: (workspaceId: string, organisationId: string) => `add-all-users.${workspaceId}.${organisationId}`,
  removeCollaborator: (workspaceId: string, organisationId: string) => `remove-collaborator.${workspaceId}.${organisationId}`,
  autoInvite: (organisationId: string, userId: string) => `auto-invite.${organisationId}.${userId}`,
} satisfies Record<string, (...ids: string[]) => string>;

/**
 * Operation kinds that write one collaborator (workspace, organisation). Two of them
 * never run at once on the same collaborator: the API refuses the second with 409.
 */
export const COLLABORATOR_OPERATION_KINDS = ['invite-organisation', 'edit-collaborator', 'add-all-users', 'remove-collaborator'] as const;

/** Issue 13: a batch that has not heartbeated for this long is retried on another worker. */
export const BATCH_HEARTBEAT_TIMEOUT = '5 seconds';

/** Rows per batch of a whole-organisation operation (R-W7, R-W10, R-W11). */
export const MEMBER_BATCH_SIZE = 5000;
/**
 * Batches per workflow run before continueAsNew keeps the history small (about 6 events a
 * batch), unless the server suggests it earlier. Not every few batches: the server delays
 * the first task of a run continued within a second of its predecessor's start by a second.
 */
export const BATCHES_PER_RUN = 200;

/** PUT /workspaces/{id}/members/{userId}/roles (R-W2). */
export interface AssignRolesInput {
  actor: Actor;
  workspaceId: string;
  userId: string;
  roles: WorkspaceRole[];
}
export interface AssignRolesResult {
  userId: string;
  roles: WorkspaceRole[];
  previousRoles: WorkspaceRole[];
}

/** PATCH /workspaces/{id}/collaborators/{orgId} (R-W7, R-W8, R-W9). Absent fields stay as they are. */
export interface EditCollaboratorInput {
  actor: Actor;
  workspaceId: string;
  organisationId: string;
  types?: AssignableType[];
  projectAccess?: ProjectAccess;
  autoInvite?: boolean;
  autoInviteRole?: WorkspaceRole | null;
  /** Carried over continueAsNew while stripping roles. */
  stripping?: { afterMemberId: string | null; membersChanged: number; scanned: number; total: number; previousTypes: string[] };
}
export interface EditCollaboratorResult {
  collaboratorId: string;
  types: string[];
  projectAccess: ProjectAccess;
  autoInvite: boolean;
  autoInviteRole: WorkspaceRole | null;
  /** R-W7: members who lost a role the remaining types no longer allow. */
  membersChanged: number;
}

/** POST /workspaces/{id}/collaborators/{orgId}/add-all-users (R-W10). */
export interface AddAllUsersInput {
  actor: Actor;
  workspaceId: string;
  organisationId: string;
  role: WorkspaceRole;
  /** Tests only (the API never sets it): continue as new after this many batches. */
  batchesPerRun?: number;
  /** Carried over continueAsNew: keyset position and counts so far. */
  position?: { afterUserId: string | null; added: number; scanned: number; total: number };
}
export interface AddAllUsersResult {
  added: number;
  alreadyMembers: number;
  total: number;
}

/** DELETE /workspaces/{id}/collaborators/{orgId} (R-W11). */
export interface RemoveCollaboratorInput {
  actor: Actor;
  workspaceId: string;
  organisationId: string;
  /** Carried over continueAsNew. */
  removed?: { members: number; total: number };
  /** R-E1: removed by its end date (the expiry timer, a child of it): no actor to check; audited with the expiry as actor. */
  expiry?: { expiresAt: string };
}
export interface RemoveCollaboratorResult {
  membersRemoved: number;
  projectGrantsRemoved: number;
  invitationsRevoked: number;
}

/** POST /organisations/{orgId}/users (R-W9). */
export interface AutoInviteInput {
  actor: Actor;
  organisationId: string;
  userId: string;
}
export interface AutoInviteResult {
  workspaceIds: string[];
}
