import { Entity, ManyToOne, PrimaryKey, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Collaborator } from './collaborator.entity';
import { Project } from './project.entity';

/** R-W8: one project a collaborator with limited project access may use. */
@Entity({ tableName: 'project_access_grants' })
@Unique({ properties: ['collaborator', 'project'] })
export class ProjectAccessGrant {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Collaborator, { deleteRule: 'cascade' })
  collaborator: Collaborator;

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project: Project;

  constructor(collaborator: Collaborator, project: Project) {
    this.collaborator = collaborator;
    this.project = project;
  }
}
