import type { OperationProgress } from './contracts';

/**
 * Section 5: the contract of the invitation workflow, shared by API, worker and tests.
 * Pure (no Node built-ins): workflow code imports these types. Ids only: no address, no
 * token ever passes through the workflow (R-I3).
 */
export const INVITATION_OPERATION_KIND = 'invitation';

/** R-O1: one operation per request (1…100 addresses); `requestId` is a fresh UUID, never derived from an address. */
export const invitationOperationId = (workspaceId: string, requestId: string) => `${INVITATION_OPERATION_KIND}.${workspaceId}.${requestId}`;

export type InvitationState = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired' | 'undeliverable';

/** The request's invitations, already written (pending, first token hash, ledger, audit) by the API before its 202. */
export interface InviteByEmailInput {
  workspaceId: string;
  actorId: string;
  invitationIds: string[];
  /** R-I1: from config at the time of the request. */
  ttlMs: number;
  reminderAfterMs: number;
  /** When the API wrote the rows (ISO): reminders and expiry count from it. */
  createdAt: string;
}

/** R-O4: what the cancel step of an invitation request gets. */
export interface CancelInvitationRequestInput {
  workspaceId: string;
  actorId: string;
  operationId: string;
  mailedIds: string[];
  notMailedIds: string[];
}

/** R-O4: the partial result of a cancelled invitation request (`GET /operations/{id}`, the audit entry). */
export interface InvitationRequestCancelled {
  mailed: number;
  notMailed: number;
  mailedInvitationIds: string[];
  notMailedInvitationIds: string[];
  /** Of the not mailed: those the cancel closed (`revoked`); others had closed already. */
  revokedInvitationIds: string[];
}

export interface InvitationOutcome {
  invitationId: string;
  outcome: InvitationState;
  acceptedUserId?: string;
}

export interface InviteByEmailResult {
  invitations: InvitationOutcome[];
  mailed: number;
}

/** `GET /operations/{id}` while it runs: "mailed n of N", then how many are still open. */
export interface InvitationProgress extends OperationProgress {
  mailed: number;
  counts: Partial<Record<InvitationState, number>>;
}

/** The accept update: the API has already matched the token's hash to this invitation. */
export interface AcceptInvitationInput {
  invitationId: string;
  /** HMAC of the token (not the token): the activity re-checks it inside its transaction. */
  tokenHash: string;
  /** The caller of an accept that carried a bearer token (R-I3, R-I8: it must be the invitee). */
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
  /** R-E1: the end date the invitation gave the membership it created, with the warning period for its timer. */
  membershipExpiry?: { expiresAt: string; warningMs: number };
}

/** Revoke (by an inviter or Admin) or decline (by the invitee, proven by the token's hash). */
export interface CloseInvitationInput {
  invitationId: string;
  actorId?: string | null;
  tokenHash?: string;
}

/** A resend the API decided (limits, new send number, new token hash, new expiry) before answering. */
export interface ResendInvitationInput {
  invitationId: string;
  actorId: string;
  send: number;
  expiresAt: string;
}

export type InvitationMailReason = 'invitation' | 'reminder' | 'resend';

export interface MailToSend {
  invitationId: string;
  send: number;
  reason: InvitationMailReason;
}

/**
 * Per mail: `sent` (now or by an earlier attempt), `undeliverable` (R-I9: permanent SMTP
 * refusal, row closed), or `closed` (the row is no longer pending, or a newer send replaced
 * this one: nothing sent) with the row's status.
 */
export type MailOutcome = { invitationId: string; sent: true } | { invitationId: string; sent: false; status: InvitationState };
