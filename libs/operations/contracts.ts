import type { ProjectAccess } from '../domain/project-access';
import type { AssignableType } from '../domain/roles';

/** Inputs and results of the workflows, shared by API, worker and tests. */

export interface Actor {
  userId: string;
  organisationId: string;
}

/** What `GET /operations/{id}` shows while an operation runs. */
export interface OperationProgress {
  step: string;
  done: number;
  total: number;
}

export interface InviteOrganisationInput {
  actor: Actor;
  workspaceId: string;
  organisationId: string;
  types: AssignableType[];
  projectAccess: ProjectAccess;
  /** R-E1: the collaborator's end date and the warning period; its timer starts once the collaborator exists. */
  expiry?: { expiresAt: string; warningMs: number };
}

export interface InviteOrganisationResult {
  collaboratorId: string;
}

/** The ApplicationFailure type of a rule violation carried across Temporal's boundaries (codec: ./rule-failure.ts). */
export const RULE_VIOLATION_FAILURE = 'RuleViolation';
