import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { createInvitationActivities } from '../../activities/invitation.activities';
import type { createMailActivities } from '../../activities/mail.activities';
import { ruleFailure } from '../../libs/operations/rule-failure';
import { databaseStep, mailStep } from '../activity-options';

/** The activities of the invitation workflow. Inputs and results carry ids only (R-I3). */
const database = proxyActivities<ReturnType<typeof createInvitationActivities>>(databaseStep);
const mail = proxyActivities<ReturnType<typeof createMailActivities>>(mailStep);
export const steps = {
  acceptInvitation: database.acceptInvitation,
  closeInvitation: database.closeInvitation,
  cancelInvitationRequest: database.cancelInvitationRequest,
  readInvitationStatuses: database.readInvitationStatuses,
  prepareReminder: database.prepareReminder,
  mailInvitations: mail.mailInvitations,
};

/** R-I3: the API turns this into the one page every dead link gets. */
export function gone(): ApplicationFailure {
  return ruleFailure({ kind: 'gone', message: 'the invitation is no longer pending', rule: 'R-I3' });
}

export function notPending(): ApplicationFailure {
  return ruleFailure({ kind: 'conflict', message: 'the invitation is no longer pending', rule: 'R-I4' });
}

/** An activity's RuleViolation fails just the update, with its details. */
export function asUpdateFailure(e: unknown): unknown {
  if (e instanceof ActivityFailure && e.cause instanceof ApplicationFailure) return e.cause;
  return e;
}
