import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Project } from './project.entity';
import { User } from './user.entity';

export type ProjectRequestKind = 'standard' | 'reverse';
export type ProjectRequestStatus = 'submitted' | 'in_review' | 'approved' | 'rejected';

/** R-P6 */
@Entity({ tableName: 'project_requests' })
@Index({ properties: ['project', 'status'] })
export class ProjectRequest {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project: Project;

  @Property({ type: 'string', length: 16 })
  kind: ProjectRequestKind;

  @Property({ type: 'string', length: 16 })
  status: ProjectRequestStatus = 'submitted';

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @ManyToOne(() => User)
  submittedBy: User;

  @ManyToOne(() => User, { nullable: true })
  decidedBy: User | null = null;

  @Property({ type: Date, nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: Date })
  createdAt: Date = new Date();

  constructor(project: Project, kind: ProjectRequestKind, submittedBy: User) {
    this.project = project;
    this.kind = kind;
    this.submittedBy = submittedBy;
  }
}
