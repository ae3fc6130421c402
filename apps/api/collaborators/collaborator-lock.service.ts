import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { collaboratorBusy } from '../../../libs/domain/collaborator-rules';
import { operationIds } from '../../../libs/operations/operation-ids';
import { workspaceOperationIds } from '../../../libs/operations/workspace-operations';

/**
 * Section 6: operations that write one collaborator (invite, edit, add all users, remove)
 * never interleave. Their ids are deterministic, so "is one running?" is a describe of
 * each known id; a second, different operation is refused with 409 naming the running
 * one. A duplicate of the same operation joins it instead (USE_EXISTING), except edits,
 * whose bodies may differ. Activities stay safe on their own for the small window
 * between this check and the start.
 */
@Injectable()
export class CollaboratorLock {
  constructor(private readonly client: Client) {}

  static idsFor(workspaceId: string, organisationId: string): string[] {
    return [
      operationIds.inviteOrganisation(workspaceId, organisationId),
      workspaceOperationIds.editCollaborator(workspaceId, organisationId),
      workspaceOperationIds.addAllUsers(workspaceId, organisationId),
      workspaceOperationIds.removeCollaborator(workspaceId, organisationId),
    ];
  }

  /** Refuses (409) when an operation on (workspace, organisation) other than `joinable` runs. */
  async assertFree(workspaceId: string, organisationId: string, joinable?: string): Promise<void> {
    const ids = CollaboratorLock.idsFor(workspaceId, organisationId).filter((id) => id !== joinable);
    const running = await Promise.all(ids.map((id) => this.isRunning(id)));
    const busy = ids.find((_, i) => running[i]);
    if (busy) throw collaboratorBusy(busy);
  }

  /**
   * For steps on one member (role assignment): refused while the member's collaborator is
   * being edited (R-W7 strips roles) or removed (R-W11).
   */
  async assertNotChanging(workspaceId: string, organisationId: string): Promise<void> {
    const ids = [workspaceOperationIds.editCollaborator(workspaceId, organisationId), workspaceOperationIds.removeCollaborator(workspaceId, organisationId)];
    const running = await Promise.all(ids.map((id) => this.isRunning(id)));
    const busy = ids.find((_, i) => running[i]);
    if (busy) throw collaboratorBusy(busy);
  }

  private async isRunning(id: string): Promise<boolean> {
    try {
      const d = await this.client.workflow.getHandle(id).describe();
      return d.status.name === 'RUNNING';
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return false;
      throw e;
    }
  }
}
