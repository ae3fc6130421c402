import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { AuditAction } from '../../domain/audit-actions';

/**
 * Section 6: who did what, when, in which operation. Plain ids rather than relations,
 * so the trail outlives what it speaks of (a removed collaborator keeps its history).
 */
@Entity({ tableName: 'audit_entries' })
// Cursor order (created_at, id) of the workspace's and of a project's audit trail.
@Index({ properties: ['workspaceId', 'createdAt', 'id'] })
@Index({ properties: ['projectId', 'createdAt', 'id'] })
export class AuditEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true })
  workspaceId: string | null;

  @Property({ type: 'uuid', nullable: true })
  projectId: string | null;

  @Property({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** One of AUDIT_ACTIONS, e.g. `collaborator.invited` */
  @Property({ type: 'string', length: 100 })
  action: AuditAction;

  @Property({ type: 'string', length: 255, nullable: true })
  operationId: string | null;

  @Property({ type: 'json' })
  details: Record<string, unknown>;

  /** Workflow id + activity id: a retried activity writes its entry once. */
  @Unique()
  @Property({ type: 'string', length: 400, nullable: true })
  idempotencyKey: string | null;

  @Property({ type: Date })
  createdAt: Date = new Date();

  constructor(props: {
    workspaceId?: string | null;
    projectId?: string | null;
    actorId: string | null;
    action: AuditAction;
    operationId?: string | null;
    details?: Record<string, unknown>;
    idempotencyKey?: string | null;
  }) {
    this.workspaceId = props.workspaceId ?? null;
    this.projectId = props.projectId ?? null;
    this.actorId = props.actorId;
    this.action = props.action;
    this.operationId = props.operationId ?? null;
    this.details = props.details ?? {};
    this.idempotencyKey = props.idempotencyKey ?? null;
  }
}
