import { EntityManager } from '@mikro-orm/core';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../libs/auth/auth.guard';
import { Caller } from '../../../libs/auth/caller';
import { loadViewerBasis } from '../../../libs/persistence/queries/project-visibility';
import { findVisibleAuditEntries } from '../../../libs/persistence/queries/visible-projects-sql';
import { Page, PageQuery, decodeCursor, toPage } from '../http/pagination';
import { uuidParam } from '../http/params';
import { WorkspaceAccess } from '../workspaces/workspace-access.service';
import { AuditEntryView, mapAuditEntry } from './audit-entry.dto';
import { Contract, PageOf } from '../http/openapi';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/audit')
export class AuditController {
  constructor(
    private readonly em: EntityManager,
    private readonly access: WorkspaceAccess,
  ) {}

  /**
   * Section 6: who did what, when, in which operation; oldest first, paginated. R-T1:
   * entries about a project show only to those who can see that project (R-S1), decided
   * in the page's own query (libs/persistence/queries/visible-projects-sql.ts).
   */
  @Contract({
    id: 'listWorkspaceAudit',
    summary: 'Read the workspace audit log',
    description:
      'Section 6: who did what, when, in which operation; oldest first, paginated by cursor. R-T1: entries about a project show only to those who can see it (R-S1).',
    errors: [400, 404],
  })
  @ApiOkResponse({ type: PageOf(AuditEntryView) })
  @Get()
  async list(
    @CurrentCaller() caller: Caller,
    @Param('workspaceId', uuidParam('workspaceId')) workspaceId: string,
    @Query() page: PageQuery,
  ): Promise<Page<AuditEntryView>> {
    await this.access.memberOf(caller, workspaceId);
    const viewer = await loadViewerBasis(this.em, caller.userId, workspaceId);
    const rows = await findVisibleAuditEntries(this.em, viewer, workspaceId, { after: decodeCursor(page.cursor), take: page.limit + 1 });
    return toPage(rows, page.limit, mapAuditEntry);
  }
}
