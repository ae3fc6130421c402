import { RuleViolation } from './errors';
import type { WorkspaceRole } from './roles';

/**
 * R-O4: who may stop a running operation: the one who started it, or an Admin of the
 * workspace it acts on. Called after the visibility check (R-T1), so whoever reaches it
 * can see the operation and learns nothing new from a 403.
 */
export function assertCanCancelOperation(caller: { userId: string }, operation: { actorId?: string }, workspaceRoles: readonly WorkspaceRole[]): void {
  if (operation.actorId === caller.userId || workspaceRoles.includes('Admin')) return;
  throw new RuleViolation('R-O4', "only the operation's actor or an Admin of its workspace may cancel it", { kind: 'forbidden' });
}
