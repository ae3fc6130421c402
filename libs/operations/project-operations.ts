import type { CollaboratorEntry } from '../domain/projects';
import type { SharePermission } from '../domain/shares';
import type { Actor } from './contracts';

/**
 * Contracts of the project operations (issue 5): workflow ids and inputs/results, shared
 * by API, worker and tests. One operation per project at a time: a duplicate joins it.
 */
export const projectOperationIds = {
  saveProjectCollaborators: (projectId: string) => `save-project-collaborators.${projectId}`,
  transferOwnership: (projectId: string) => `transfer-ownership.${projectId}`,
} satisfies Record<string, (...ids: string[]) => string>;

/** R-P1..R-P3, R-P5: save several collaborators by organisation key, all or nothing. */
export interface SaveProjectCollaboratorsInput {
  actor: Actor;
  workspaceId: string;
  projectId: string;
  collaborators: CollaboratorEntry[];
}

export interface SaveProjectCollaboratorsResult {
  added: Array<{ organisationId: string; name: string; canReverse: boolean }>;
  updated: Array<{ organisationId: string; name: string; canReverse: boolean }>;
}

/** R-S4, R-S5, R-S7: hand ownership over, as a saga. */
export interface TransferOwnershipInput {
  actor: Actor;
  workspaceId: string;
  projectId: string;
  newOwnerId: string;
  /** The new owner's share when it has none yet (R-S4); default ['view']. */
  permissions: SharePermission[];
  /** R-S5: the previous owner keeps no share. */
  leave: boolean;
}

export interface TransferOwnershipResult {
  previousOwnerId: string;
  newOwnerId: string;
  previousOwnerShare: SharePermission[] | null;
}

/** Who owns the project and which shares the handover may touch, read before its first step. */
export interface OwnershipSnapshot {
  ownerId: string;
  /** userId → permissions, or null when that user has no share. */
  shares: Record<string, SharePermission[] | null>;
}
