import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { SearchAttributePair } from '@temporalio/common';
import type { Caller } from '../../../libs/auth/caller';
import { AppConfig } from '../../../libs/config/app-config';
import { RuleViolation } from '../../../libs/domain/errors';
import { formatDay } from '../../../libs/mail/invitation-email';
import { AccessExpiryInput, ExpiryTarget, expiresAtProblem, expiryOperationId } from '../../../libs/operations/expiry-operations';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { currentRequestId } from '../../../libs/logging/request-context';
import { operationDetails } from '../../../libs/operations/operation-summary';
import { accessExpiryWorkflow, rescheduleSignal } from '../../../workflows/access-expiry.workflow';

/** R-E1: a request's `expiresAt`: undefined (unchanged), null (cleared) or a date in the future; else 400 naming the field. */
export function parseExpiresAt(value: unknown, field = 'expiresAt'): Date | null | undefined {
  if (value === undefined) return undefined;
  const problem = expiresAtProblem(value);
  if (problem) throw new RuleViolation('R-E1', `${field}: ${problem}`, { field });
  return value === null ? null : new Date(value as string);
}

/**
 * R-E1: the durable timer of each end date (workflows/access-expiry.workflow.ts), one
 * workflow per access with a stable id. Setting or moving a date signals it, starting it
 * when none runs (signal-with-start: one atomic call); clearing signals it to end. Call
 * after the date is committed: the timer asks the database at every wake-up.
 */
@Injectable()
export class ExpiryTimers {
  constructor(
    private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** R-E1: how long before an end date the warning goes out (for operations that start a timer themselves). */
  get warningMs(): number {
    return this.config.expiry.warningMs;
  }

  /** Returns the timer's operation id (also when cleared: `GET /operations/{id}` shows how it ended). */
  async schedule(target: ExpiryTarget, expiresAt: Date | null, actor: Caller, names: { access: string; place: string }): Promise<string> {
    const workflowId = expiryOperationId(target);
    if (expiresAt === null) {
      try {
        await this.client.workflow.getHandle(workflowId).signal(rescheduleSignal, null);
      } catch (e) {
        if (!(e instanceof WorkflowNotFoundError)) throw e; // none running: nothing to clear
      }
      return workflowId;
    }
    const iso = expiresAt.toISOString();
    const input: AccessExpiryInput = { target, expiresAt: iso, warningMs: this.config.expiry.warningMs };
    await this.client.workflow.signalWithStart(accessExpiryWorkflow, {
      taskQueue: this.config.temporal.taskQueue,
      workflowId,
      args: [input],
      signal: rescheduleSignal,
      signalArgs: [iso],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      typedSearchAttributes: this.searchAttributes(target, actor),
      // Issue 11: the Temporal UI speaks in words; the date is the one the timer started with (later moves: its progress).
      staticSummary: `Access of ${names.access} to ${names.place} ends ${formatDay(expiresAt)}`,
      staticDetails: operationDetails({ ...target, actor }, currentRequestId()),
    });
    return workflowId;
  }

  private searchAttributes(target: ExpiryTarget, actor: Caller): SearchAttributePair[] {
    const pairs: SearchAttributePair[] = [
      { key: SearchAttr.operationKind, value: 'expiry' },
      { key: SearchAttr.actorId, value: actor.userId },
      { key: SearchAttr.workspaceId, value: target.workspaceId },
    ];
    if (target.kind === 'collaborator') pairs.push({ key: SearchAttr.organisationId, value: target.organisationId });
    else pairs.push({ key: SearchAttr.userId, value: target.userId });
    if (target.kind === 'share') pairs.push({ key: SearchAttr.projectId, value: target.projectId });
    return pairs;
  }
}
