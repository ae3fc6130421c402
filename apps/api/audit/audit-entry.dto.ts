import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS, AuditAction } from '../../../libs/domain/audit-actions';
import { AuditEntry } from '../../../libs/persistence/entities';

/** One audit entry as the API shows it (workspace and project audit alike). */
export class AuditEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for what the system did by itself' }) actorId!: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS, example: 'collaborator.invited' }) action!: AuditAction;
  @ApiProperty({ type: String, nullable: true, description: 'the operation that did it' }) operationId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) projectId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'ids and values of the change; never an email address (R-A2)' }) details!: Record<
    string,
    unknown
  >;
}

export function mapAuditEntry(e: AuditEntry): AuditEntryView {
  return {
    id: e.id,
    at: e.createdAt.toISOString(),
    actorId: e.actorId,
    action: e.action,
    operationId: e.operationId,
    projectId: e.projectId,
    details: e.details,
  };
}
