import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../libs/auth/caller';
import { AuditEntry, Collaborator, User, Workspace, WorkspaceMember } from '../../../libs/persistence/entities';
import { Page, afterCursor, toPage } from '../http/pagination';
import { WorkspaceView, mapWorkspace } from './dto/workspace.dto';
import { WorkspaceAccess } from './workspace-access.service';

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: WorkspaceAccess,
  ) {}

  /**
   * R-W1: the caller's organisation owns the new workspace (its Owner collaborator row,
   * full project access) and the caller becomes its first Admin. One transaction.
   */
  async create(caller: Caller, name: string): Promise<WorkspaceView> {
    const workspace = await this.em.transactional(async (em) => {
      const user = await em.findOneOrFail(User, caller.userId, { populate: ['organisation'] });
      const ws = new Workspace(name, user.organisation);
      em.persist([
        ws,
        new Collaborator({ workspace: ws, organisation: user.organisation, types: ['Owner'], projectAccess: 'full', invitedBy: user.id }),
        new WorkspaceMember(ws, user, ['Admin']),
        new AuditEntry({ workspaceId: ws.id, actorId: user.id, action: 'workspace.created', details: { name } }),
      ]);
      return ws;
    });
    return mapWorkspace(workspace, ['Admin']);
  }

  async list(caller: Caller, limit: number, cursor?: string): Promise<Page<WorkspaceView>> {
    const rows = await this.em.find(
      WorkspaceMember,
      { user: caller.userId, ...afterCursor(cursor) },
      { populate: ['workspace.ownerOrganisation'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: limit + 1 },
    );
    return toPage(rows, limit, (m) => mapWorkspace(m.workspace, m.roles));
  }

  async get(caller: Caller, id: string): Promise<WorkspaceView> {
    const actor = await this.access.memberOf(caller, id);
    const workspace = await this.em.findOneOrFail(Workspace, id, { populate: ['ownerOrganisation'] });
    return mapWorkspace(workspace, [...actor.roles]);
  }
}
