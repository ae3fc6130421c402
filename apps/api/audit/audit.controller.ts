import { EntityManager } from '@mikro-orm/core';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { AuditEntry } from '../../../libs/persistence/entities';
import { Page, PageQuery, afterCursor, toPage } from '../http/pagination';
import { uuidParam } from '../http/params';
import { WorkspaceAccess } from '../workspaces/workspace-access.service';

export interface AuditEntryView {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  operationId: string | null;
  projectId: string | null;
  details: Record<string, unknown>;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/audit')
export class AuditController {
  constructor(
    private readonly em: EntityManager,
    private readonly access: WorkspaceAccess,
  ) {}

  /** Section 6: who did what, when, in which operation; oldest first, paginated. */
  @Get()
  async list(@CurrentCaller() caller: Caller, @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string, @Query() page: PageQuery): Promise<Page<AuditEntryView>> {
    await this.access.memberOf(caller, workspaceId);
    const rows = await this.em.find(AuditEntry, { workspaceId, ...afterCursor(page.cursor) }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: page.limit + 1 });
    return toPage(rows, page.limit, (e) => ({
      id: e.id,
      at: e.createdAt.toISOString(),
      actorId: e.actorId,
      action: e.action,
      operationId: e.operationId,
      projectId: e.projectId,
      details: e.details,
    }));
  }
}
