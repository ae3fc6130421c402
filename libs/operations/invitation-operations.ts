import type { ProjectAccess } from '../domain/project-access';
import type { AssignableType, WorkspaceRole } from '../domain/roles';
import type { Actor } from './contracts';

/**
 * Section 5: the contract of the invite-by-email workflow, shared by API, worker and
 * tests. Pure (no Node built-ins): workflow code imports these types.
 */
export const INVITATION_OPERATION_KIND = 'invitation';

/**
 * R-I5: one workflow per workspace and address, so inviting again joins the pending one.
 * `emailDigest` is libs/domain/invitations `emailDigest(email)`: never the address itself.
 */
export const invitationOperationId = (workspaceId: string, emailDigest: string) => `${INVITATION_OPERATION_KIND}.${workspaceId}.${emailDigest}`;

export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface InviteByEmailInput {
  actor: Actor;
  workspaceId: string;
  /** Lower-cased. In the workflow's input only, never in its id or search attributes. */
  email: string;
  /** R-W6 (a): the invitee's organisation when known, else null (named on acceptance). */
  organisationId: string | null;
  types: AssignableType[];
  role: WorkspaceRole;
  projectAccess: ProjectAccess;
  /** R-I1: from config at the time of the request. */
  ttlMs: number;
  reminderAfterMs: number;
}

/**
 * The invitation id is the run id of the workflow run that carries it: the API reads it
 * from the start call (also when it joined a running one, R-I5), the workflow from
 * `workflowInfo()`, with no extra round trip.
 */
export interface PersistInvitationInput extends InviteByEmailInput {
  invitationId: string;
  expiresAt: string;
  /** The invitation's operation (its workflow id), stored on the row and its audit entry. */
  workflowId: string;
}

export interface InviteByEmailResult {
  invitationId: string;
  outcome: InvitationState;
  acceptedUserId?: string;
}

/** The accept update: the API has already matched the token's hash to this invitation. */
export interface AcceptInvitationInput {
  invitationId: string;
  /** HMAC of the token (not the token): the activity re-checks it inside its transaction. */
  tokenHash: string;
  /** The caller of an accept that carried a bearer token (R-I3: it must be the invitee). */
  callerUserId?: string;
  name?: string;
  organisationName?: string;
}

export interface AcceptInvitationResult {
  invitationId: string;
  userId: string;
  organisationId: string;
  collaboratorId: string;
  workspaceId: string;
  created: { user: boolean; organisation: boolean; collaborator: boolean; membership: boolean };
}

export interface InvitationActionInput {
  invitationId: string;
  actorId: string;
}

export type InvitationMailReason = 'invitation' | 'reminder' | 'resend';

export interface SendInvitationMailInput {
  invitationId: string;
  reason: InvitationMailReason;
  expiresAt: string;
}

/** `sent: false` when the row is no longer pending (e.g. revoked by a collaborator removal): the workflow ends. */
export type SendInvitationMailResult = { sent: true } | { sent: false; status: InvitationState };
