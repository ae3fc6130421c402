import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client, WorkflowExecutionDescription, WorkflowFailedError, WorkflowHandle, WorkflowNotFoundError, WorkflowStartOptions } from '@temporalio/client';
import { SearchAttributePair } from '@temporalio/common';
import type { Workflow } from '@temporalio/common';
import type { Caller } from '../../../libs/auth/caller';
import { AppConfig } from '../../../libs/config/app-config';
import { NotFound } from '../../../libs/domain/errors';
import { canSeeProject } from '../../../libs/domain/projects';
import { operationKindOf } from '../../../libs/operations/operation-ids';
import { ruleViolationIn } from '../../../libs/operations/rule-failure';
import { SearchAttr } from '../../../libs/operations/search-attributes';
import { AuditEntry, Organisation, Project, Workspace } from '../../../libs/persistence/entities';
import { CancelledOperationDetails, INVITATION_REQUEST_CANCELLED, OPERATION_CANCELLED } from '../../../libs/operations/operation-cancel';
import { currentRequestId } from '../../../libs/logging/request-context';
import { OperationNames, operationDetails, operationSummary } from '../../../libs/operations/operation-summary';
import { loadProjectViewer, projectFacts } from '../../../libs/persistence/queries/project-visibility';
import { progressQuery } from '../../../workflows/operation-progress';
import { unavailableDependency } from '../http/unavailable';
import { Metrics } from '../metrics/metrics';
import { WorkspaceAccess } from '../workspaces/workspace-access.service';
import { OperationAccepted, OperationStatus, OperationView } from './operation.dto';

export interface StartOperation<W extends Workflow> {
  workflowId: string;
  args: Parameters<W>;
  actor: Caller;
  searchAttributes: SearchAttributePair[];
}

/** How long each call of R-O1's lost-answer check may take (the start itself had TEMPORAL_RPC_DEADLINE_MS). */
const START_CONFIRM_DEADLINE_MS = 300;
/** The memo key of a start's nonce: which start made the run. */
const START_NONCE = 'startNonce';

/**
 * Starts operations as workflows and reports them. A duplicate request (same
 * deterministic id) joins the running operation instead of starting another.
 */
@Injectable()
export class OperationsService {
  constructor(
    private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly workspaces: WorkspaceAccess,
    private readonly em: EntityManager,
    private readonly metrics: Metrics,
  ) {}

  /**
   * `em`: the caller's transaction, when it starts inside one (the operation guard). The
   * summary's names are read through it: on SQLite a second connection would wait for the
   * one the transaction holds, until the pool gives up.
   */
  async start<W extends Workflow>(workflow: W, op: StartOperation<W>, em?: EntityManager): Promise<OperationAccepted> {
    const kind = operationKindOf(op.workflowId);
    const input = (op.args[0] ?? {}) as Record<string, unknown>;
    const options = {
      taskQueue: this.config.temporal.taskQueue,
      workflowId: op.workflowId,
      args: op.args,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      typedSearchAttributes: [{ key: SearchAttr.operationKind, value: kind }, { key: SearchAttr.actorId, value: op.actor.userId }, ...op.searchAttributes],
      // The Temporal UI speaks in words (issue 11).
      staticSummary: operationSummary(kind, input, await this.namesIn(input, em ?? this.em.fork())),
      staticDetails: operationDetails(input, currentRequestId()),
      // The SDK's conditional type on `args` cannot be resolved for a generic W; callers are typed by StartOperation<W>.
    } as unknown as WorkflowStartOptions<W>;
    const handle = await this.startOrConfirm(workflow, options);
    this.metrics.operationsStarted.inc({ kind });
    return accepted(handle.workflowId);
  }

  /**
   * R-O1: a start that timed out may still have started the workflow (the server took it,
   * its answer was lost). Refusing then would undo the request's rows while the operation
   * runs anyway. So each start carries a nonce in its memo, and a failed one is confirmed
   * (confirmStarted). Only when Temporal answers neither is the request refused (503), and
   * then the first start did not land either.
   */
  private async startOrConfirm<W extends Workflow>(workflow: W, options: WorkflowStartOptions<W>): Promise<{ workflowId: string }> {
    const nonce = randomUUID();
    const withNonce = { ...options, memo: { ...options.memo, [START_NONCE]: nonce } };
    try {
      return await this.client.workflow.start(workflow, withNonce);
    } catch (e) {
      if (unavailableDependency(e) !== 'Temporal') throw e;
      // Unconfirmed, the request is refused with the start's own error.
      await this.confirmStarted(workflow, withNonce, nonce).catch(() => {
        throw e;
      });
      return { workflowId: options.workflowId };
    }
  }

  /**
   * Makes sure the operation runs after a start whose answer was lost, asking with short
   * deadlines of its own: the run with our nonce means it started; otherwise one more start
   * joins a running one (USE_EXISTING) or starts it now. Throws when Temporal answers neither.
   */
  private async confirmStarted<W extends Workflow>(workflow: W, options: WorkflowStartOptions<W>, nonce: string): Promise<void> {
    const shortly = <T>(call: () => Promise<T>) => this.client.withDeadline(Date.now() + START_CONFIRM_DEADLINE_MS, call);
    const run = await shortly(() => this.client.workflow.getHandle(options.workflowId).describe()).catch((notFound: unknown) => {
      if (notFound instanceof WorkflowNotFoundError) return undefined;
      throw notFound;
    });
    if (run?.memo?.[START_NONCE] !== nonce) await shortly(() => this.client.workflow.start(workflow, options));
  }

  /** Names of what an operation acts on, for its summary; ids stay when a row is missing. */
  private async namesIn(input: Record<string, unknown>, em: EntityManager): Promise<OperationNames> {
    const id = (key: string): string | undefined => {
      const value = input[key];
      return typeof value === 'string' ? value : undefined;
    };
    const [workspaceId, organisationId, projectId] = [id('workspaceId'), id('organisationId'), id('projectId')];
    const [workspace, organisation, project] = await Promise.all([
      workspaceId && em.findOne(Workspace, workspaceId, { fields: ['name'] }),
      organisationId && em.findOne(Organisation, organisationId, { fields: ['name'] }),
      projectId && em.findOne(Project, projectId, { fields: ['name'] }),
    ]);
    return {
      workspace: workspace ? workspace.name : undefined,
      organisation: organisation ? organisation.name : undefined,
      project: project ? project.name : undefined,
    };
  }

  /**
   * R-T1: an operation of a project is visible to whoever can see the project (R-S1) and to its
   * actor; else to members of the workspace it acts on; else to its actor. Others get 404.
   */
  async get(caller: Caller, id: string): Promise<OperationView> {
    const { handle, description } = await this.visible(caller, id);
    const attrs = description.typedSearchAttributes;
    const status = operationStatusOf(description);
    const view: OperationView = {
      id,
      kind: attrs.get(SearchAttr.operationKind) ?? operationKindOf(id),
      status,
      startedAt: description.startTime.toISOString(),
      closedAt: description.closeTime?.toISOString() ?? null,
    };
    // Before a worker completed its first task there is nothing to ask (a query would wait for one).
    if (status === 'running') view.progress = description.historyLength > 2 ? await this.progress(handle) : null;
    else if (status === 'succeeded') view.result = await handle.result();
    // R-O4: a cancelled workflow carries no result; its partial result is in its audit entry.
    else if (status === 'cancelled') view.result = await this.cancelledResult(id, attrs.get(SearchAttr.workspaceId));
    else view.error = await this.failure(handle);
    return view;
  }

  /** R-T1: the operation, if the caller may see it; else the same 404 as an unknown id. */
  async visible(caller: Caller, id: string): Promise<{ handle: WorkflowHandle; description: WorkflowExecutionDescription }> {
    const handle = this.client.workflow.getHandle(id);
    let description;
    try {
      description = await handle.describe();
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw new NotFound('operation');
      throw e;
    }
    const attrs = description.typedSearchAttributes;
    const projectId = attrs.get(SearchAttr.projectId);
    const workspaceId = attrs.get(SearchAttr.workspaceId);
    // R-S1 takes precedence: an operation of a project is visible to whoever can see the project,
    // and to its actor (who may have just left the project, R-S5).
    if (projectId) {
      if (attrs.get(SearchAttr.actorId) !== caller.userId) await this.assertCanSeeProject(caller, projectId);
    }
    // R-T1: "not yours" answers exactly like "absent" (not "workspace not found").
    else if (workspaceId) {
      try {
        await this.workspaces.memberOf(caller, workspaceId);
      } catch (e) {
        throw e instanceof NotFound ? new NotFound('operation') : e;
      }
    } else if (attrs.get(SearchAttr.actorId) !== caller.userId) throw new NotFound('operation');
    return { handle, description };
  }

  private async cancelledResult(operationId: string, workspaceId: string | undefined): Promise<unknown> {
    // The workspace narrows the search to its audit index; the entry is written before the workflow ends.
    const entry = await this.em
      .fork()
      .findOne(AuditEntry, { ...(workspaceId ? { workspaceId } : {}), operationId, action: OPERATION_CANCELLED }, { orderBy: { createdAt: 'desc' } });
    return (entry?.details as CancelledOperationDetails | undefined)?.result ?? null;
  }

  private async assertCanSeeProject(caller: Caller, projectId: string): Promise<void> {
    const project = await this.em.findOne(Project, projectId);
    if (!project) throw new NotFound('operation');
    const viewer = await loadProjectViewer(this.em, caller.userId, project);
    if (!canSeeProject(viewer, projectFacts(project))) throw new NotFound('operation');
  }

  async progress(handle: WorkflowHandle): Promise<OperationView['progress']> {
    try {
      // Bounded: with no worker polling, a query would wait; progress is then simply unknown.
      return await this.client.withDeadline(Date.now() + 2_000, () => handle.query(progressQuery));
    } catch {
      return null;
    }
  }

  private async failure(handle: WorkflowHandle): Promise<OperationView['error']> {
    try {
      await handle.result();
      return undefined;
    } catch (e) {
      const rule = ruleViolationIn(e);
      if (rule) return { error: rule.kind, message: rule.message, rule: rule.rule, field: rule.field };
      return { error: 'failed', message: e instanceof WorkflowFailedError ? rootMessage(e) : 'the operation did not complete' };
    }
  }
}

export function accepted(operationId: string): OperationAccepted {
  return { operationId, status: 'running', href: `/operations/${encodeURIComponent(operationId)}` };
}

/**
 * R-O4: a cancelled invitation request's run goes on for the invitations it mailed, so
 * its own state (search attribute) says `cancelled`, not Temporal's close status.
 */
export function operationStatusOf(description: WorkflowExecutionDescription): OperationStatus {
  const cancelledRequest = description.typedSearchAttributes.get(SearchAttr.invitationState) === INVITATION_REQUEST_CANCELLED;
  return cancelledRequest ? 'cancelled' : statusOf(description.status.name);
}

export function statusOf(name: string): OperationStatus {
  switch (name) {
    case 'RUNNING':
    case 'CONTINUED_AS_NEW':
      return 'running';
    case 'COMPLETED':
      return 'succeeded';
    case 'CANCELLED':
      return 'cancelled';
    default:
      return 'failed';
  }
}

function rootMessage(error: Error): string {
  let current: Error = error;
  while (current.cause instanceof Error) current = current.cause;
  return current.message;
}
