import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../libs/auth/caller';
import { NotFound } from '../../../libs/domain/errors';
import {
  assertCanEditProject,
  assertFlagsKeepCollaborators,
  assertProjectFlags,
  assertReversibleUnchanged,
  permissionsOn,
} from '../../../libs/domain/projects';
import { AuditEntry, Project, ProjectCollaborator, User, Workspace } from '../../../libs/persistence/entities';
import { loadViewerBasis, lockProject, projectFacts, scopeViewer } from '../../../libs/persistence/queries/project-visibility';
import { findVisibleProjects } from '../../../libs/persistence/queries/visible-projects-sql';
import { AuditEntryView, mapAuditEntry } from '../audit/audit-entry.dto';
import { Page, afterCursor, decodeCursor, toPage } from '../http/pagination';
import { WorkspaceAccess } from '../workspaces/workspace-access.service';
import { CreateProjectDto, ProjectView, UpdateProjectDto, mapProject } from './dto/project.dto';
import { refusingRaces } from './concurrent-write';
import { ProjectAccess } from './project-access.service';

/** Projects of a workspace (section 3 flags, R-S1 visibility). Single local writes: synchronous, with their audit entry. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly em: EntityManager,
    private readonly workspaces: WorkspaceAccess,
    private readonly access: ProjectAccess,
  ) {}

  /** A workspace member creates a project; it owns it, and its organisation is the owning organisation. */
  async create(caller: Caller, workspaceId: string, dto: CreateProjectDto): Promise<ProjectView> {
    await this.workspaces.memberOf(caller, workspaceId);
    const flags = { organisationProject: dto.organisationProject ?? false, collaborationProject: dto.collaborationProject ?? false };
    assertProjectFlags(flags);
    const project = await this.em.transactional(async (em) => {
      const owner = await em.findOneOrFail(User, caller.userId, { populate: ['organisation'] });
      const created = new Project({
        workspace: em.getReference(Workspace, workspaceId),
        name: dto.name,
        owner,
        organisation: owner.organisation,
        ...flags,
        reversible: dto.reversible ?? false,
      });
      em.persist([
        created,
        new AuditEntry({
          workspaceId,
          projectId: created.id,
          actorId: caller.userId,
          action: 'project.created',
          details: { name: dto.name, ...flags, reversible: created.reversible },
        }),
      ]);
      return created;
    });
    return mapProject(project, [], ['view', 'edit', 'share', 'manage']);
  }

  /**
   * R-S1 in listings: only the projects the caller can see, filtered in SQL (one query for
   * the page, walking the (workspace, created_at, id) index) plus look-ups for that page
   * only. A workspace the caller neither belongs to nor sees a project of is 404 (R-T1).
   */
  async list(caller: Caller, workspaceId: string, limit: number, cursor?: string): Promise<Page<ProjectView>> {
    if (!(await this.em.count(Workspace, workspaceId))) throw new NotFound('workspace');
    const basis = await loadViewerBasis(this.em, caller.userId, workspaceId);
    const rows = await findVisibleProjects(this.em, basis, workspaceId, { after: decodeCursor(cursor), take: limit + 1 });
    if (!basis.workspaceMember && rows.length === 0 && !cursor) throw new NotFound('workspace');
    const page = rows.slice(0, limit);
    await this.em.populate(page, ['owner', 'organisation'], { refresh: true });
    const viewer = await scopeViewer(
      this.em,
      basis,
      page.map((p) => p.id),
    );
    const collaborators = page.length
      ? await this.em.find(
          ProjectCollaborator,
          { project: { $in: page.map((p) => p.id) } },
          { populate: ['organisation'], orderBy: { createdAt: 'asc', id: 'asc' } },
        )
      : [];
    return toPage(rows, limit, (p) =>
      mapProject(
        p,
        collaborators.filter((c) => c.project.id === p.id),
        permissionsOn(viewer, projectFacts(p)),
      ),
    );
  }

  async get(caller: Caller, projectId: string): Promise<ProjectView> {
    const { project, facts, viewer } = await this.access.visible(caller, projectId);
    return mapProject(project, await this.collaboratorsOf(project.id), permissionsOn(viewer, facts));
  }

  /** Name and flags; `reversible` never changes; collaborators are permanent (R-P4), so a project that has some stays a collaboration project. */
  async update(caller: Caller, projectId: string, dto: UpdateProjectDto): Promise<ProjectView> {
    const { facts, viewer } = await this.access.visible(caller, projectId);
    assertCanEditProject(viewer, facts);
    assertReversibleUnchanged(facts, dto.reversible);
    const project = await refusingRaces(() =>
      this.em.transactional(async (em) => {
        const row = await lockProject(em, projectId);
        if (!row) throw new NotFound('project');
        const next = {
          organisationProject: dto.organisationProject ?? row.organisationProject,
          collaborationProject: dto.collaborationProject ?? row.collaborationProject,
        };
        // Turning organisationProject off turns collaborationProject off with it, unless asked otherwise (then refused).
        if (dto.organisationProject === false && dto.collaborationProject === undefined) next.collaborationProject = false;
        assertProjectFlags(next);
        assertFlagsKeepCollaborators(next, await em.count(ProjectCollaborator, { project: row }));
        const changes: Record<string, unknown> = {};
        if (dto.name !== undefined && dto.name !== row.name) changes.name = row.name = dto.name;
        if (next.organisationProject !== row.organisationProject) changes.organisationProject = row.organisationProject = next.organisationProject;
        if (next.collaborationProject !== row.collaborationProject) changes.collaborationProject = row.collaborationProject = next.collaborationProject;
        if (Object.keys(changes).length)
          em.persist(new AuditEntry({ workspaceId: row.workspace.id, projectId, actorId: caller.userId, action: 'project.updated', details: changes }));
        return row;
      }),
    );
    this.em.clear(); // the view below reads what was committed, not the identity map of before
    return this.get(caller, project.id);
  }

  /** Section 6: the audit trail of one project, for whoever can see the project (R-S1). */
  async audit(caller: Caller, projectId: string, limit: number, cursor?: string): Promise<Page<AuditEntryView>> {
    await this.access.visible(caller, projectId);
    const rows = await this.em.find(AuditEntry, { projectId, ...afterCursor(cursor) }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: limit + 1 });
    return toPage(rows, limit, mapAuditEntry);
  }

  private collaboratorsOf(projectId: string): Promise<ProjectCollaborator[]> {
    return this.em.find(ProjectCollaborator, { project: projectId }, { populate: ['organisation'], orderBy: { createdAt: 'asc', id: 'asc' } });
  }
}
