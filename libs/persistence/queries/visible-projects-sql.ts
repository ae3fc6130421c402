import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { AuditEntry, Project } from '../entities';
import type { ViewerBasis } from './project-visibility';

/** A SQL condition and its bound values, for QueryBuilder.andWhere(sql, params). */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * R-S1 as one SQL condition on the project row aliased `p` (the same rule as canSeeProject
 * in libs/domain/projects.ts): the owner, DataOwners of the owning organisation, a share,
 * an organisation project for members whose organisation's project access covers it, a
 * collaboration project for its collaborating organisations. Shares, grants and project
 * collaborators are EXISTS probes on unique indexes, one per row walked, so a page never
 * loads (or sends back) the ids of everything the viewer can see.
 */
export function visibleProjectSql(viewer: ViewerBasis, p = 'p'): SqlCondition {
  const or: string[] = [`${p}.owner_id = ?`];
  const params: unknown[] = [viewer.userId];
  if (viewer.orgRoles.includes('DataOwner')) {
    or.push(`${p}.organisation_id = ?`);
    params.push(viewer.organisationId);
  }
  or.push(`exists (select 1 from shares s where s.project_id = ${p}.id and s.user_id = ?)`);
  params.push(viewer.userId);
  if (viewer.workspaceMember && viewer.collaborator) {
    if (viewer.collaborator.projectAccess === 'full') or.push(`${p}.organisation_project`);
    else {
      or.push(`(${p}.organisation_project and exists (select 1 from project_access_grants g where g.collaborator_id = ? and g.project_id = ${p}.id))`);
      params.push(viewer.collaborator.id);
    }
  }
  or.push(`(${p}.collaboration_project and exists (select 1 from project_collaborators pc where pc.project_id = ${p}.id and pc.organisation_id = ?))`);
  params.push(viewer.organisationId);
  return { sql: `(${or.join(' or ')})`, params };
}

/**
 * Section 6 / R-T1: an audit entry (aliased `a`) of workspace `workspaceId` shows when it is
 * about no project, or about a project of that workspace the viewer can see (R-S1).
 */
export function visibleAuditEntrySql(viewer: ViewerBasis, workspaceId: string, a = 'a'): SqlCondition {
  const project = visibleProjectSql(viewer, 'vp');
  return {
    sql: `(${a}.project_id is null or exists (select 1 from projects vp where vp.id = ${a}.project_id and vp.workspace_id = ? and ${project.sql}))`,
    params: [workspaceId, ...project.params],
  };
}

/** A page in (createdAt, id) order: `after` is the cursor's filter (apps/api/http/pagination.ts afterCursor), `take` the rows to read. */
export interface PageWindow {
  after: Record<string, unknown>;
  take: number;
}

/** R-S1: one page of the projects of a workspace the viewer can see, in one query. */
export function findVisibleProjects(em: EntityManager, viewer: ViewerBasis, workspaceId: string, page: PageWindow): Promise<Project[]> {
  const visible = visibleProjectSql(viewer);
  return (em as SqlEntityManager)
    .createQueryBuilder(Project, 'p')
    .select('*')
    .where({ workspace: workspaceId, ...page.after })
    .andWhere(visible.sql, visible.params)
    .orderBy({ createdAt: 'asc', id: 'asc' })
    .limit(page.take)
    .getResultList();
}

/** Section 6, R-T1: one page of a workspace's audit trail as the viewer may see it, in one query. */
export function findVisibleAuditEntries(em: EntityManager, viewer: ViewerBasis, workspaceId: string, page: PageWindow): Promise<AuditEntry[]> {
  const visible = visibleAuditEntrySql(viewer, workspaceId);
  return (em as SqlEntityManager)
    .createQueryBuilder(AuditEntry, 'a')
    .select('*')
    .where({ workspaceId, ...page.after })
    .andWhere(visible.sql, visible.params)
    .orderBy({ createdAt: 'asc', id: 'asc' })
    .limit(page.take)
    .getResultList();
}
