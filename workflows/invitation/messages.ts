import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AcceptInvitationInput,
  AcceptInvitationResult,
  CloseInvitationInput,
  InvitationState,
  ResendInvitationInput,
} from '../../libs/operations/invitation-operations';

/** The messages an invitation request's workflow answers; each names the invitation it is about. */

/** R-I2: accept (the API matched the token's hash to this invitation first). */
export const acceptInvitationUpdate = defineUpdate<AcceptInvitationResult, [AcceptInvitationInput]>('acceptInvitation');
/** R-I7: the invitee declines (the token's hash proves it). */
export const declineInvitationUpdate = defineUpdate<{ status: InvitationState }, [CloseInvitationInput]>('declineInvitation');
/** R-I4: revoke; the link stops working at once. */
export const revokeInvitationUpdate = defineUpdate<{ status: InvitationState }, [CloseInvitationInput]>('revokeInvitation');
/** R-I4: the API decided a resend (limits, send number, token hash, expiry); mail it and restart the timers. */
export const resendInvitationUpdate = defineUpdate<{ expiresAt: string }, [ResendInvitationInput]>('resendInvitation');
/**
 * For writers that close invitation rows directly (R-W11 collaborator removal): "look at
 * your rows again". Without it the workflow learns at its next step (reminder, expiry).
 */
export const invitationRowChangedSignal = defineSignal('invitationRowChanged');
/** Where each invitation of the request stands, for operators and tests. */
export const invitationStateQuery =
  defineQuery<Array<{ invitationId: string; state: InvitationState; send: number; expiresAt: string; reminded: boolean }>>('invitationState');
