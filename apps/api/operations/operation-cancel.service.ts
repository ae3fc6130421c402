import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import type { Caller } from '../../../libs/auth/caller';
import { Conflict } from '../../../libs/domain/errors';
import { assertCanCancelOperation } from '../../../libs/domain/operation-cancel';
import { CANCELLING_STEP, OPERATION_CANCEL_REQUESTED, refusalToCancel } from '../../../libs/operations/operation-cancel';
import { operationKindOf } from '../../../libs/operations/operation-ids';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { AuditEntry } from '../../../libs/persistence/entities';
import { loadWorkspaceActor } from '../../../libs/persistence/queries/workspace-actor';
import { OperationAccepted } from './operation.dto';
import { OperationsService, accepted, statusOf } from './operations.service';

/**
 * R-O4: stopping a running operation through Temporal's own cancellation, so the Temporal
 * UI shows the request and the workflow ends "Canceled". The workflow decides what a
 * cancel means for it (workflows/cancellation.ts) and records its partial result; here
 * only who may ask and whether it is still worth asking.
 */
@Injectable()
export class OperationCancelService {
  constructor(
    private readonly operations: OperationsService,
    private readonly em: EntityManager,
  ) {}

  async cancel(caller: Caller, id: string): Promise<OperationAccepted> {
    // R-T1: who cannot see it gets exactly the 404 of GET /operations/{id}.
    const { handle, description } = await this.operations.visible(caller, id);
    const attrs = description.typedSearchAttributes;
    const workspaceId = attrs.get(SearchAttr.workspaceId);
    const roles = workspaceId ? (await loadWorkspaceActor(this.em.fork(), caller.userId, workspaceId)).roles : [];
    assertCanCancelOperation(caller, { actorId: attrs.get(SearchAttr.actorId) }, roles);

    const status = statusOf(description.status.name);
    if (status !== 'running') return this.closed(id, status);
    const kind = attrs.get(SearchAttr.operationKind) ?? operationKindOf(id);
    const progress = description.historyLength > 2 ? ((await this.operations.progress(handle)) ?? null) : null;
    // Asked again while it stops: the same answer as the first time (idempotent).
    if (progress?.step === CANCELLING_STEP) return accepted(id);
    const refusal = refusalToCancel(kind, progress);
    if (refusal) throw new Conflict(refusal, 'R-O4');
    if (!(await this.requestCancel(handle))) return this.closed(id, statusOf((await handle.describe()).status.name));

    await this.em
      .fork()
      .persist(
        new AuditEntry({
          workspaceId: workspaceId ?? null,
          projectId: attrs.get(SearchAttr.projectId) ?? null,
          actorId: caller.userId,
          action: OPERATION_CANCEL_REQUESTED,
          operationId: id,
          details: { kind },
        }),
      )
      .flush();
    return accepted(id);
  }

  /** False when the workflow closed between the check and the request. */
  private async requestCancel(handle: WorkflowHandle): Promise<boolean> {
    try {
      await handle.cancel();
      return true;
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return false;
      throw e;
    }
  }

  /** Already cancelled: the same 202 as the first request (idempotent); finished otherwise: 409 saying so. */
  private closed(id: string, status: ReturnType<typeof statusOf>): OperationAccepted {
    if (status === 'cancelled') return { operationId: id, status, href: accepted(id).href };
    throw new Conflict(`the operation has already ${status}; there is nothing left to stop`, 'R-O4');
  }
}
