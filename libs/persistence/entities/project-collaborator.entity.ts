import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Organisation } from './organisation.entity';
import { Project } from './project.entity';

/** R-P1, R-P4: an organisation collaborating on a project; permanent once saved. */
@Entity({ tableName: 'project_collaborators' })
@Unique({ properties: ['project', 'organisation'] })
export class ProjectCollaborator {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project: Project;

  @ManyToOne(() => Organisation)
  organisation: Organisation;

  /** R-P2: only on reversible projects. */
  @Property({ type: 'boolean' })
  canReverse = false;

  @Property({ type: Date })
  createdAt: Date = new Date();

  constructor(project: Project, organisation: Organisation, canReverse = false) {
    this.project = project;
    this.organisation = organisation;
    this.canReverse = canReverse;
  }
}
