import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../libs/auth/caller';
import { NotFound } from '../../../libs/domain/errors';
import { judgeVisibleProject } from '../../../libs/domain/project-checks';
import { ProjectFacts, ProjectViewer } from '../../../libs/domain/projects';
import { Project } from '../../../libs/persistence/entities';
import { loadProjectViewer, projectFacts } from '../../../libs/persistence/queries/project-visibility';

export interface VisibleProject {
  project: Project;
  facts: ProjectFacts;
  viewer: ProjectViewer;
}

/** Who the caller is for a project; R-T1/R-S1: a project the caller cannot see answers 404, whatever it asks. */
@Injectable()
export class ProjectAccess {
  constructor(private readonly em: EntityManager) {}

  async visible(caller: Caller, projectId: string, em: EntityManager = this.em): Promise<VisibleProject> {
    const project = await em.findOne(Project, projectId, { populate: ['owner', 'organisation'] });
    if (!project) throw new NotFound('project');
    const { project: facts, viewer } = judgeVisibleProject({ project: projectFacts(project), viewer: await loadProjectViewer(em, caller.userId, project) });
    return { project, facts, viewer };
  }
}
