import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { CollaborationType, WorkspaceRole } from '../../domain/roles';
import { Organisation } from './organisation.entity';
import { Workspace } from './workspace.entity';

/**
 * An organisation collaborating in a workspace. The owner organisation has a row too,
 * with types ['Owner'] and full project access, so listings and access checks treat
 * every organisation alike; R-W1 keeps that row from being edited or removed.
 */
@Entity({ tableName: 'collaborators' })
@Unique({ properties: ['workspace', 'organisation'] })
// Cursor order of the collaborators listing.
@Index({ properties: ['workspace', 'createdAt', 'id'] })
export class Collaborator {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace: Workspace;

  @ManyToOne(() => Organisation, { deleteRule: 'cascade' })
  organisation: Organisation;

  @Property({ type: 'json' })
  types: CollaborationType[];

  /** R-W8: 'full' covers present and future projects; 'limited' lists ProjectAccessGrant rows. */
  @Property({ type: 'string', length: 16 })
  projectAccess: 'full' | 'limited';

  /** R-W9 */
  @Property({ type: 'boolean' })
  autoInvite = false;

  @Property({ type: 'string', length: 32, nullable: true })
  autoInviteRole: WorkspaceRole | null = null;

  @Property({ type: 'uuid', nullable: true })
  invitedBy: string | null = null;

  /** R-E1: when this access ends by itself; null: never. */
  @Property({ type: Date, nullable: true })
  expiresAt: Date | null = null;

  /** R-E1: the end date the warning mail went out for (once per date). */
  @Property({ type: Date, nullable: true })
  expiryWarnedFor: Date | null = null;

  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: Date })
  createdAt: Date = new Date();

  @Property({ type: Date, onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(props: {
    workspace: Workspace;
    organisation: Organisation;
    types: CollaborationType[];
    projectAccess: 'full' | 'limited';
    invitedBy?: string | null;
  }) {
    this.workspace = props.workspace;
    this.organisation = props.organisation;
    this.types = props.types;
    this.projectAccess = props.projectAccess;
    this.invitedBy = props.invitedBy ?? null;
  }
}
