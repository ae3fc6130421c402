import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { Conflict } from '../../../libs/domain/errors';

/**
 * A project operation has one id per project, so that two of them never interleave. A
 * duplicate request (same input) joins the running operation; a different request while
 * one runs is refused with 409 instead of silently joining an operation that does
 * something else.
 */
@Injectable()
export class RunningOperations {
  constructor(private readonly client: Client) {}

  async isRunning(workflowId: string): Promise<boolean> {
    try {
      return (await this.client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return false;
      throw e;
    }
  }

  async assertIdleOrSame<I>(workflowId: string, input: I, same: (running: I, requested: I) => boolean, message: string, rule?: string): Promise<void> {
    if (!(await this.isRunning(workflowId))) return;
    const history = await this.client.workflow.getHandle(workflowId).fetchHistory();
    // Through the client's data converter: its codec (encryption, issue 10) must decode the input first.
    const payloads = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
    const running = payloads?.length ? await decodeFromPayloadsAtIndex<I>(this.client.options.loadedDataConverter, 0, payloads) : undefined;
    if (!running || !same(running, input)) throw new Conflict(message, rule);
  }
}
