import { patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { AuditRecord, createAuditActivities } from '../activities/audit.activities';
import type { createMembershipActivities } from '../activities/membership.activities';
import type { OperationProgress } from '../libs/operations/contracts';
import type { AutoInviteInput, AutoInviteResult } from '../libs/operations/workspace-operations';
import { databaseStep } from './activity-options';
import { progressQuery } from './operation-progress';

const { addAutoInviteMemberships } = proxyActivities<ReturnType<typeof createMembershipActivities>>(databaseStep);
const { recordAudit, recordAuditEntries } = proxyActivities<ReturnType<typeof createAuditActivities>>(databaseStep);

/**
 * Patch ids of this workflow (docs/changing-workflows.md). Each guards a change made while
 * workflows of the old shape may still be running; remove one only with its deprecation steps.
 */
export const AUTO_INVITE_PATCHES = {
  /** 2026-11: the audit entries of all joined workspaces in one step (was one step per workspace). */
  auditInOneStep: 'auto-invite.audit-in-one-step',
} as const;

/** R-W9: a user new to an organisation joins every workspace that auto-invites that organisation. */
export async function autoInviteWorkflow(input: AutoInviteInput): Promise<AutoInviteResult> {
  const progress: OperationProgress = { step: 'addAutoInviteMemberships', done: 0, total: 1 };
  setHandler(progressQuery, () => progress);

  const { workspaceIds } = await addAutoInviteMemberships(input);
  Object.assign(progress, { step: 'recordAudit', done: 0, total: workspaceIds.length });
  const audit = (workspaceId: string): AuditRecord => ({
    workspaceId,
    actorId: input.actor.userId,
    action: 'member.auto-invited',
    operationId: workflowInfo().workflowId,
    details: { organisationId: input.organisationId, userId: input.userId },
  });
  if (patched(AUTO_INVITE_PATCHES.auditInOneStep)) {
    // One transaction for all entries: a user joining many workspaces no longer waits for a round trip each.
    if (workspaceIds.length > 0) await recordAuditEntries(workspaceIds.map(audit));
    progress.done = workspaceIds.length;
  } else {
    for (const workspaceId of workspaceIds) {
      await recordAudit(audit(workspaceId));
      progress.done++;
    }
  }
  Object.assign(progress, { step: 'done' });
  return { workspaceIds };
}
