import { createHash } from 'node:crypto';
import type { OperationKind } from './operation-ids';

/**
 * R-O1, section 6: the one registry of what each operation kind locks. Two operations
 * on the same collaborator or project never run at once; a member's role assignment
 * locks only that member, yet still excludes (and is excluded by) an operation on its
 * whole collaborator. `scope` is the collaborator or project; `key` is held exclusively
 * (equal to `scope` for an operation on the whole of it).
 */
export interface OperationLock {
  scope: string;
  key: string;
}

export type LockGroup = 'collaborator' | 'member' | 'project' | 'none';

export const OPERATION_LOCK_GROUPS: Record<OperationKind, LockGroup> = {
  'invite-organisation': 'collaborator',
  'edit-collaborator': 'collaborator',
  'add-all-users': 'collaborator',
  'remove-collaborator': 'collaborator',
  'assign-roles': 'member',
  'save-project-collaborators': 'project',
  'transfer-ownership': 'project',
  // One user joining the workspaces of their organisation: idempotent inserts, no conflict.
  'auto-invite': 'none',
  // R-E1: a timer that sleeps for months holds no lock; its steps re-check the row when they wake.
  expiry: 'none',
};

export const operationLocks = {
  collaborator: (workspaceId: string, organisationId: string): OperationLock => whole(`collaborator:${workspaceId}:${organisationId}`),
  member: (workspaceId: string, organisationId: string, userId: string): OperationLock => ({
    scope: `collaborator:${workspaceId}:${organisationId}`,
    key: `member:${workspaceId}:${userId}`,
  }),
  project: (projectId: string): OperationLock => whole(`project:${projectId}`),
};

function whole(scope: string): OperationLock {
  return { scope, key: scope };
}

/** Whether the lock is on a whole collaborator or project (then it also excludes its members' locks). */
export function isWholeScope(lock: OperationLock): boolean {
  return lock.key === lock.scope;
}

/** The same request, whoever's process hashes it: JSON with sorted keys, SHA-256. */
export function requestHash(args: unknown): string {
  return createHash('sha256').update(stableJson(args)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
