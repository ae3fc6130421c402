import { AuditEntry } from '../../../libs/persistence/entities';

/** One audit entry as the API shows it (workspace and project audit alike). */
export interface AuditEntryView {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  operationId: string | null;
  projectId: string | null;
  details: Record<string, unknown>;
}

export function mapAuditEntry(e: AuditEntry): AuditEntryView {
  return { id: e.id, at: e.createdAt.toISOString(), actorId: e.actorId, action: e.action, operationId: e.operationId, projectId: e.projectId, details: e.details };
}
