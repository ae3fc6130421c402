import type { EntityDictionary, EntityManager } from '@mikro-orm/core';
import { AuditEntry, Project } from '../entities';
import { sqlConnection } from '../sql-connection';
import type { ViewerBasis } from './project-visibility';

/** A piece of SQL and its bound values. */
interface Sql {
  sql: string;
  params: unknown[];
}

/**
 * R-S1 for the project row aliased `p` (the same rule as canSeeProject in
 * libs/domain/projects.ts): the owner, DataOwners of the owning organisation, a share, an
 * organisation project for members whose organisation's project access covers it, a
 * collaboration project for its collaborating organisations.
 *
 * The viewer's share, grant and project-collaborator rows are LEFT JOINs on their unique
 * keys (project, user / organisation / collaborator): at most one row each, probed per
 * project walked. Not EXISTS: inside an OR, PostgreSQL turns those into hashed subplans
 * that read every share of the viewer and every visible project before the first row.
 */
function visibleProject(viewer: ViewerBasis, p: string): { joins: Sql; condition: Sql } {
  const joins: Sql = {
    sql: `left join shares ${p}_s on ${p}_s.project_id = ${p}.id and ${p}_s.user_id = ? left join project_collaborators ${p}_pc on ${p}_pc.project_id = ${p}.id and ${p}_pc.organisation_id = ?`,
    params: [viewer.userId, viewer.organisationId],
  };
  const or: string[] = [`${p}.owner_id = ?`, `${p}_s.id is not null`, `(${p}.collaboration_project and ${p}_pc.id is not null)`];
  const params: unknown[] = [viewer.userId];
  if (viewer.orgRoles.includes('DataOwner')) {
    or.push(`${p}.organisation_id = ?`);
    params.push(viewer.organisationId);
  }
  if (viewer.workspaceMember && viewer.collaborator?.projectAccess === 'full') or.push(`${p}.organisation_project`);
  if (viewer.workspaceMember && viewer.collaborator?.projectAccess === 'limited') {
    joins.sql += ` left join project_access_grants ${p}_g on ${p}_g.project_id = ${p}.id and ${p}_g.collaborator_id = ?`;
    joins.params.push(viewer.collaborator.id);
    or.push(`(${p}.organisation_project and ${p}_g.id is not null)`);
  }
  return { joins, condition: { sql: `(${or.join(' or ')})`, params } };
}

/** A cursor position in (createdAt, id) order: apps/api/http/pagination.ts decodeCursor. */
export interface PageWindow {
  after?: { createdAt: Date; id: string };
  take: number;
}

/**
 * `select <alias>.* from <from> <joins> where <where> [after the cursor] order by created_at, id limit take`:
 * walks the (…, created_at, id) index from the cursor, so a page costs the rows it reads.
 * The `created_at >=` bound stands alone so both databases seek on it.
 */
async function pageOf<T extends object>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  alias: string,
  from: string,
  joins: Sql,
  where: Sql,
  page: PageWindow,
): Promise<T[]> {
  const params = [...joins.params, ...where.params];
  let sql = `select ${alias}.* from ${from} ${joins.sql} where ${where.sql}`;
  if (page.after) {
    const at = em.getPlatform().processDateProperty(page.after.createdAt);
    sql += ` and ${alias}.created_at >= ? and (${alias}.created_at > ? or ${alias}.id > ?)`;
    params.push(at, at, page.after.id);
  }
  sql += ` order by ${alias}.created_at asc, ${alias}.id asc limit ?`;
  params.push(page.take);
  const rows = await sqlConnection(em).execute<Array<EntityDictionary<T>>>(sql, params, 'all');
  return rows.map((row) => em.map<T>(entity, row));
}

/** R-S1: one page of the projects of a workspace the viewer can see, in one query. */
export function findVisibleProjects(em: EntityManager, viewer: ViewerBasis, workspaceId: string, page: PageWindow): Promise<Project[]> {
  const { joins, condition } = visibleProject(viewer, 'p');
  return pageOf(em, Project, 'p', 'projects p', joins, { sql: `p.workspace_id = ? and ${condition.sql}`, params: [workspaceId, ...condition.params] }, page);
}

/**
 * Section 6, R-T1: one page of a workspace's audit trail as the viewer may see it, in one
 * query: an entry about no project shows; one about a project shows when the viewer can
 * see that project of this workspace (R-S1).
 */
export function findVisibleAuditEntries(em: EntityManager, viewer: ViewerBasis, workspaceId: string, page: PageWindow): Promise<AuditEntry[]> {
  const { joins, condition } = visibleProject(viewer, 'vp');
  return pageOf(
    em,
    AuditEntry,
    'a',
    'audit_entries a',
    { sql: `left join projects vp on vp.id = a.project_id and vp.workspace_id = ? ${joins.sql}`, params: [workspaceId, ...joins.params] },
    { sql: `a.workspace_id = ? and (a.project_id is null or (vp.id is not null and ${condition.sql}))`, params: [workspaceId, ...condition.params] },
    page,
  );
}
