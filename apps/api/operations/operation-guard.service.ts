import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { Conflict } from '../../../libs/domain/errors';
import { OperationLock, isWholeScope, requestHash } from '../../../libs/operations/operation-locks';
import { OperationGuard } from '../../../libs/persistence/entities';
import { OperationAccepted } from './operation.dto';
import { OperationsService, StartOperation } from './operations.service';

/**
 * R-O1: the one place an operation starts. In one transaction: lock the scope's guard
 * row (a row lock on PostgreSQL, the write lock on SQLite: concurrent starts on one
 * collaborator or project queue here), find who holds the lock and the scope, start the
 * workflow, record it as the holder, commit. So "is one running?" and "start" cannot
 * interleave. The holder of the same id with the same request is joined; any other
 * running holder is a 409 naming it; a holder found finished is cleared.
 */
@Injectable()
export class OperationGuardService {
  constructor(
    private readonly em: EntityManager,
    private readonly client: Client,
    private readonly operations: OperationsService,
  ) {}

  async start<W extends Workflow>(
    workflow: W,
    op: StartOperation<W> & { lock: OperationLock; busy: (runningId: string) => Conflict },
  ): Promise<OperationAccepted> {
    const hash = requestHash(op.args);
    return this.em.fork().transactional(async (em) => {
      const keys = [...new Set([op.lock.scope, op.lock.key])];
      for (const key of keys) await this.lockRow(em, key, op.lock.scope);
      let join = false;
      for (const holder of await this.holders(em, op.lock)) {
        const id = holder.operationId;
        if (id === null) continue; // not selected (operationId $ne null); says so to the type checker
        if (!(await this.isRunning(id))) {
          holder.operationId = null;
          holder.requestHash = null;
        } else if (id === op.workflowId && holder.requestHash === hash) join = true;
        else throw op.busy(id);
      }
      const own = await em.findOneOrFail(OperationGuard, { lockKey: op.lock.key });
      if (!join) Object.assign(own, { operationId: op.workflowId, requestHash: hash, updatedAt: new Date() });
      await em.flush();
      // Still inside the transaction: the next start on this scope waits for this one.
      return this.operations.start(workflow, op, em);
    });
  }

  /** The operation running on the lock's scope or key, if any (for writes that are not operations). */
  async running(lock: OperationLock): Promise<string | undefined> {
    const em = this.em.fork();
    for (const holder of await this.holders(em, lock)) {
      if (holder.operationId !== null && (await this.isRunning(holder.operationId))) return holder.operationId;
    }
    return undefined;
  }

  /** Creates the row if missing and locks it until the transaction ends. */
  private async lockRow(em: EntityManager, key: string, scope: string): Promise<void> {
    await (em as unknown as SqlEntityManager)
      .createQueryBuilder(OperationGuard)
      .insert({ lockKey: key, scope, operationId: null, requestHash: null, updatedAt: new Date() })
      .onConflict('lockKey')
      .merge(['updatedAt'])
      .execute('run');
  }

  /** Rows that exclude this lock: its own key, its scope's, and for a whole scope every member lock in it. */
  private holders(em: EntityManager, lock: OperationLock): Promise<OperationGuard[]> {
    const where = isWholeScope(lock) ? { $or: [{ lockKey: lock.scope }, { scope: lock.scope }] } : { lockKey: { $in: [lock.key, lock.scope] } };
    return em.find(OperationGuard, { ...where, operationId: { $ne: null } });
  }

  private async isRunning(workflowId: string): Promise<boolean> {
    try {
      const d = await this.client.workflow.getHandle(workflowId).describe();
      return d.status.name === 'RUNNING' || d.status.name === 'CONTINUED_AS_NEW';
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return false;
      throw e;
    }
  }
}
