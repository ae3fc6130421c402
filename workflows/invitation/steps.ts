import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { createInvitationActivities } from '../../activities/invitation.activities';
import type { createMailActivities } from '../../activities/mail.activities';
import { RULE_VIOLATION_FAILURE } from '../../libs/operations/contracts';
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

function ruleFailure(kind: string, message: string, rule: string): ApplicationFailure {
  return ApplicationFailure.create({ type: RULE_VIOLATION_FAILURE, message, nonRetryable: true, details: [{ kind, message, rule }] });
}

/** R-I3: the API turns this into the one page every dead link gets. */
export function gone(): ApplicationFailure {
  return ruleFailure('gone', 'the invitation is no longer pending', 'R-I3');
}

export function notPending(): ApplicationFailure {
  return ruleFailure('conflict', 'the invitation is no longer pending', 'R-I4');
}

/** An activity's RuleViolation fails just the update, with its details. */
export function asUpdateFailure(e: unknown): unknown {
  if (e instanceof ActivityFailure && e.cause instanceof ApplicationFailure) return e.cause;
  return e;
}
