import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { ProjectAccess } from '../../domain/project-access';
import type { CollaborationType, WorkspaceRole } from '../../domain/roles';
import { User } from './user.entity';
import { Workspace } from './workspace.entity';

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired' | 'undeliverable';

/** Section 5: an invitation by email. Only a hash of the token is ever stored (R-I1). */
@Entity({ tableName: 'invitations' })
// The pending invitations of a workspace in cursor order (GET /workspaces/{id}/invitations).
@Index({ properties: ['workspace', 'status', 'createdAt', 'id'] })
@Index({ properties: ['inviter', 'createdAt'] })
export class Invitation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace: Workspace;

  /** Lower-cased. */
  @Property({ type: 'string', length: 320 })
  email: string;

  @ManyToOne(() => User)
  inviter: User;

  /**
   * R-W6 (a): the invitee's organisation when known (an existing user's, or one the inviter
   * named); null when the invitee names a new organisation on acceptance (R-I2).
   */
  @Property({ type: 'uuid', nullable: true })
  organisationId: string | null = null;

  @Property({ type: 'json' })
  types: CollaborationType[];

  @Property({ type: 'string', length: 32, nullable: true })
  role: WorkspaceRole | null = null;

  @Property({ type: 'json' })
  projectAccess: ProjectAccess;

  @Unique()
  @Property({ type: 'string', length: 64 })
  tokenHash: string;

  @Property({ type: 'string', length: 16 })
  status: InvitationStatus = 'pending';

  /**
   * R-I5: `${workspaceId}:${email}` while pending, null afterwards. A unique column with
   * NULLs allowed is the portable form of a partial unique index (SQLite and PostgreSQL).
   */
  @Unique()
  @Property({ type: 'string', length: 400, nullable: true })
  pendingKey: string | null;

  @Property({ type: Date })
  expiresAt: Date;

  /** R-E1: the end date the membership this invitation creates will carry; null: none. */
  @Property({ type: Date, nullable: true })
  accessExpiresAt: Date | null = null;

  /** R-I9: the send whose token `tokenHash` matches (1 = the first mail; each resend or reminder adds one). */
  @Property({ type: 'integer', default: 1 })
  sendCount: number = 1;

  /** R-I9: the highest send the SMTP server accepted; a retried send at or below it is not sent again. */
  @Property({ type: 'integer', default: 0 })
  deliveredSend: number = 0;

  @Property({ type: Date, nullable: true })
  lastSentAt: Date | null = null;

  @Property({ type: Date, nullable: true })
  remindedAt: Date | null = null;

  @Property({ type: Date, nullable: true })
  acceptedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  acceptedUserId: string | null = null;

  @Property({ type: 'string', length: 255 })
  workflowId: string;

  @Property({ type: Date })
  createdAt: Date = new Date();

  constructor(props: {
    workspace: Workspace;
    email: string;
    inviter: User;
    types: CollaborationType[];
    role: WorkspaceRole | null;
    projectAccess: ProjectAccess;
    tokenHash: string;
    expiresAt: Date;
    workflowId: string;
    organisationId?: string | null;
  }) {
    this.workspace = props.workspace;
    this.email = props.email;
    this.inviter = props.inviter;
    this.types = props.types;
    this.role = props.role;
    this.projectAccess = props.projectAccess;
    this.tokenHash = props.tokenHash;
    this.expiresAt = props.expiresAt;
    this.workflowId = props.workflowId;
    this.organisationId = props.organisationId ?? null;
    this.pendingKey = `${props.workspace.id}:${props.email}`;
  }
}
