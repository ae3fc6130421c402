import type { OperationProgress } from './contracts';

/**
 * R-O4: which operations can be stopped, and from which step they no longer can (their
 * point of no return). Shared by the API (a fast 409 saying why) and the workflows (a
 * cancel that arrives later anyway is ignored from that step on, so the operation ends
 * either fully done or fully cancelled). Pure: workflow code imports it.
 */
export const CANCELLING_STEP = 'cancelling';

/** The audit action of an operation that ended cancelled; its details carry the partial result. */
export const OPERATION_CANCELLED = 'operation.cancelled';
/** The audit action of a cancel request (who asked), written by the API. */
export const OPERATION_CANCEL_REQUESTED = 'operation.cancel_requested';

interface Stoppable {
  /** Steps (of the progress query) at or after the point of no return. */
  finalSteps: readonly string[];
  why: string;
}

const STOPPABLE: Partial<Record<string, Stoppable>> = {
  'add-all-users': { finalSteps: ['recordAudit', 'done'], why: 'every user has been added; the result is being recorded' },
  'transfer-ownership': { finalSteps: ['recordOwnershipTransfer', 'done'], why: 'the handover has completed and is being recorded' },
};

/** Why this running operation cannot be stopped (a 409's message), or undefined when it can. `progress` null: not known yet. */
export function refusalToCancel(kind: string, progress: OperationProgress | null): string | undefined {
  const stoppable = STOPPABLE[kind];
  if (kind === 'invitation') return 'an invitation request cannot be stopped as a whole; revoke its invitations one by one (POST /invitations/{id}/revoke)';
  if (!stoppable) return `a ${kind} operation cannot be stopped half-way; it finishes or fails as a whole`;
  if (progress?.step === 'compensating') return 'the operation has failed and is undoing its steps';
  if (progress && stoppable.finalSteps.includes(progress.step)) return `too late to stop: ${stoppable.why}`;
  return undefined;
}

/** What `GET /operations/{id}` shows as the result of a cancelled operation: the details of its audit entry. */
export interface CancelledOperationDetails {
  kind: string;
  /** The partial result: what the operation did before it stopped (its kind decides the fields). */
  result: Record<string, unknown>;
}
