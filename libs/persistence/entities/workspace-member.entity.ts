import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { WorkspaceRole } from '../../domain/roles';
import { User } from './user.entity';
import { Workspace } from './workspace.entity';

/** A user's membership of a workspace. Unique per (workspace, user): retries and R-W10 re-runs add nobody twice. */
@Entity({ tableName: 'workspace_members' })
@Unique({ properties: ['workspace', 'user'] })
// Cursor order of the members listing (GET /workspaces/{id}/members) and of a user's workspaces (GET /workspaces).
@Index({ properties: ['workspace', 'createdAt', 'id'] })
@Index({ properties: ['user', 'createdAt', 'id'] })
export class WorkspaceMember {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace: Workspace;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user: User;

  /** Denormalised from user.organisation so that per-organisation batches (R-W7, R-W11) need no join. */
  @Index({ name: 'workspace_members_organisation_idx' })
  @Property({ type: 'uuid' })
  organisationId: string;

  @Property({ type: 'json' })
  roles: WorkspaceRole[];

  @Property({ type: Date })
  createdAt: Date = new Date();

  /** R-E1: when this access ends by itself; null: never. */
  @Property({ type: Date, nullable: true })
  expiresAt: Date | null = null;

  /** R-E1: the end date the warning mail went out for (once per date). */
  @Property({ type: Date, nullable: true })
  expiryWarnedFor: Date | null = null;

  /**
   * R-O3: the workflow run that inserted this row in bulk (add-all-users), so a retried
   * batch counts the rows it inserted itself exactly. Null for rows added one by one.
   */
  @Property({ type: 'string', length: 64, nullable: true })
  addedByOperation?: string | null;

  constructor(workspace: Workspace, user: User, roles: WorkspaceRole[]) {
    this.workspace = workspace;
    this.user = user;
    this.organisationId = user.organisation.id;
    this.roles = roles;
  }
}
