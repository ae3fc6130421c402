import type { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import type { DomainErrorShape } from '../domain/errors';
import { RULE_VIOLATION_FAILURE } from '../operations/contracts';

/**
 * One line per activity attempt through the SDK's activity logger (so it carries
 * workflowId, runId, activityType and, from libs/logging, the operation id): completed,
 * refused by a rule (INFO, no stack: an expected answer), or failed (the SDK logs the error).
 */
export class ActivityLogging implements ActivityInboundCallsInterceptor {
  constructor(private readonly ctx: Context) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const started = performance.now();
    const durationMs = () => Math.round(performance.now() - started);
    try {
      const result = await next(input);
      this.ctx.log.info('activity completed', { attempt: this.ctx.info.attempt, durationMs: durationMs() });
      return result;
    } catch (e) {
      const refusal = e instanceof ApplicationFailure && e.type === RULE_VIOLATION_FAILURE ? (e.details?.[0] as DomainErrorShape | undefined) : undefined;
      if (refusal)
        this.ctx.log.info('activity refused', {
          rule: refusal.rule,
          kind: refusal.kind,
          field: refusal.field,
          reason: refusal.message,
          durationMs: durationMs(),
        });
      throw e;
    }
  }
}
