import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Project } from './project.entity';
import { User } from './user.entity';

export const SHARE_PERMISSIONS = ['view', 'edit', 'share', 'manage'] as const;
export type SharePermission = (typeof SHARE_PERMISSIONS)[number];

/** R-S2: a project shared with one user. */
@Entity({ tableName: 'shares' })
@Unique({ properties: ['project', 'user'] })
export class Share {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project: Project;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user: User;

  @Property({ type: 'json' })
  permissions: SharePermission[];

  /** R-E1: when this access ends by itself; null: never. */
  @Property({ type: Date, nullable: true })
  expiresAt: Date | null = null;

  /** R-E1: the end date the warning mail went out for (once per date). */
  @Property({ type: Date, nullable: true })
  expiryWarnedFor: Date | null = null;

  @Property({ type: Date })
  createdAt: Date = new Date();

  @Property({ type: Date, onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(project: Project, user: User, permissions: SharePermission[]) {
    this.project = project;
    this.user = user;
    this.permissions = permissions;
  }
}
