import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../libs/auth/caller';
import { NotFound } from '../../../libs/domain/errors';
import { assertCanDecideRequest, assertCanSubmitRequest, assertRequestOpen } from '../../../libs/domain/projects';
import { AuditEntry, ProjectRequest, User } from '../../../libs/persistence/entities';
import { lockProject } from '../../../libs/persistence/queries/project-visibility';
import { ProjectRequestView, SubmitRequestDto, mapRequest } from './dto/project-request.dto';
import { ProjectAccess } from './project-access.service';

/** R-P6: requests on a project; while one is open, collaborators are frozen (R-P5). */
@Injectable()
export class ProjectRequestsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ProjectAccess,
  ) {}

  /**
   * The project row is locked (PostgreSQL) while the request is written, as the collaborator
   * save locks it: a save and a submission never interleave (R-P5).
   */
  async submit(caller: Caller, projectId: string, dto: SubmitRequestDto): Promise<ProjectRequestView> {
    const { facts, viewer } = await this.access.visible(caller, projectId);
    assertCanSubmitRequest(viewer, facts, dto.kind);
    const request = await this.em.transactional(async (em) => {
      const project = await lockProject(em, projectId);
      if (!project) throw new NotFound('project');
      const created = new ProjectRequest(project, dto.kind, em.getReference(User, caller.userId));
      created.description = dto.description ?? null;
      em.persist([
        created,
        new AuditEntry({
          workspaceId: project.workspace.id,
          projectId,
          actorId: caller.userId,
          action: 'project.request_submitted',
          details: { requestId: created.id, kind: dto.kind },
        }),
      ]);
      return created;
    });
    return mapRequest(request);
  }

  async list(caller: Caller, projectId: string): Promise<ProjectRequestView[]> {
    await this.access.visible(caller, projectId);
    const rows = await this.em.find(ProjectRequest, { project: projectId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return rows.map(mapRequest);
  }

  async decide(caller: Caller, projectId: string, requestId: string, decision: 'approved' | 'rejected'): Promise<ProjectRequestView> {
    const { facts, viewer } = await this.access.visible(caller, projectId);
    const request = await this.em.transactional(async (em) => {
      const project = await lockProject(em, projectId);
      const row = await em.findOne(ProjectRequest, { id: requestId, project: projectId });
      if (!project || !row) throw new NotFound('request', 'requestId');
      assertCanDecideRequest(viewer, facts);
      assertRequestOpen(row.status);
      row.status = decision;
      row.decidedBy = em.getReference(User, caller.userId);
      row.decidedAt = new Date();
      em.persist(
        new AuditEntry({
          workspaceId: project.workspace.id,
          projectId,
          actorId: caller.userId,
          action: `project.request_${decision}`,
          details: { requestId, kind: row.kind },
        }),
      );
      return row;
    });
    return mapRequest(request);
  }
}
