import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../libs/auth/caller';
import { WorkspaceActor, assertWorkspaceMember } from '../../../libs/domain/permissions';
import { loadWorkspaceActor } from '../../../libs/persistence/queries/workspace-actor';

/** Who the caller is inside a workspace; R-T1: a non-member gets 404, whatever it asks. */
@Injectable()
export class WorkspaceAccess {
  constructor(private readonly em: EntityManager) {}

  async memberOf(caller: Caller, workspaceId: string): Promise<WorkspaceActor> {
    const actor = await loadWorkspaceActor(this.em, caller.userId, workspaceId);
    assertWorkspaceMember(actor);
    return actor;
  }
}
