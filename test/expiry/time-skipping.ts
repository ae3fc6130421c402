import { Context } from '@temporalio/activity';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExpiryStepResult, ExpiryTarget } from '../../libs/operations/expiry-operations';

/**
 * R-E1's workflow tests: Temporal's time-skipping test server (provisioned by `npm install`
 * into .tools/temporal-test-server, scripts/provision-temporal.js; or $TEMPORAL_TEST_SERVER)
 * runs the real expiry workflow through months in seconds.
 */
export function testServerPath(): string {
  const path = process.env.TEMPORAL_TEST_SERVER ?? join(process.cwd(), '.tools', 'temporal-test-server');
  if (!existsSync(path)) throw new Error(`no time-skipping test server at ${path}: run \`npm install\` (or set TEMPORAL_TEST_SERVER)`);
  return path;
}

export function startTimeSkipping(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
}

export function workflowBundle(): { code: string } {
  return { code: readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8') };
}

/** One step the timer took, at the server's (skipped) time. */
export interface StepCall {
  step: 'warn' | 'expire';
  expiresAt: string;
  at: number;
}

/**
 * The access row the timer asks, in memory: the end date and the date a warning went out
 * for, with the exact checks the real steps make (activities/expiry.activities.ts; the
 * end-to-end test runs those on SQLite and PostgreSQL). Records each step with the
 * server's time of its scheduling, which the time-skipping server moves forward.
 */
export class AccessRow {
  calls: StepCall[] = [];
  exists = true;
  warnedFor: string | null = null;
  constructor(public expiresAt: string | null) {}

  private stepResult(iso: string): ExpiryStepResult | null {
    if (!this.exists) return { done: false, exists: false, current: null };
    if (this.expiresAt === null || Date.parse(this.expiresAt) !== Date.parse(iso)) return { done: false, exists: true, current: this.expiresAt };
    return null;
  }

  activities() {
    const at = () => Context.current().info.currentAttemptScheduledTimestampMs;
    return {
      warnOfExpiry: (input: { target: ExpiryTarget; expiresAt: string }): Promise<ExpiryStepResult> => {
        const other = this.stepResult(input.expiresAt);
        if (other) return Promise.resolve(other);
        if (this.warnedFor !== input.expiresAt) this.calls.push({ step: 'warn', expiresAt: input.expiresAt, at: at() });
        this.warnedFor = input.expiresAt;
        return Promise.resolve({ done: true, exists: true, current: input.expiresAt });
      },
      expireAccess: (input: { target: ExpiryTarget; expiresAt: string }): Promise<ExpiryStepResult> => {
        const other = this.stepResult(input.expiresAt);
        if (other) return Promise.resolve(other);
        this.calls.push({ step: 'expire', expiresAt: input.expiresAt, at: at() });
        this.exists = false;
        return Promise.resolve({ done: true, exists: false, current: input.expiresAt });
      },
    };
  }
}

export const DAY = 86_400_000;
