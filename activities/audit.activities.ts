import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { AuditEntry } from '../libs/persistence/entities';
import { idempotencyKey } from './activity-context';

export interface AuditRecord {
  workspaceId?: string | null;
  projectId?: string | null;
  actorId: string | null;
  action: string;
  operationId: string;
  details?: Record<string, unknown>;
}

/**
 * Section 6: writes the audit entry of the current activity step, once however often the
 * step is retried (keyed by idempotencyKey()). For activities that audit as part of their step.
 */
export async function writeAuditEntry(orm: MikroORM, record: AuditRecord): Promise<void> {
  try {
    await orm.em.fork().persistAndFlush(new AuditEntry({ ...record, idempotencyKey: idempotencyKey() }));
  } catch (e) {
    if (!(e instanceof UniqueConstraintViolationException)) throw e;
  }
}

/** Section 6: every change is written to the audit log. */
export function createAuditActivities(deps: { orm: MikroORM }) {
  return {
    recordAudit: (record: AuditRecord): Promise<void> => writeAuditEntry(deps.orm, record),
  };
}
