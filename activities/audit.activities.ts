import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { AuditEntry } from '../libs/persistence/entities';
import type { AuditAction } from '../libs/domain/audit-actions';
import { idempotencyKey } from './activity-context';

export interface AuditRecord {
  workspaceId?: string | null;
  projectId?: string | null;
  actorId: string | null;
  action: AuditAction;
  operationId: string;
  details?: Record<string, unknown>;
}

/**
 * Section 6: writes the audit entry of the current activity step, once however often the
 * step is retried (keyed by idempotencyKey()). For activities that audit as part of their step.
 */
export async function writeAuditEntry(orm: MikroORM, record: AuditRecord): Promise<void> {
  try {
    await orm.em
      .fork()
      .persist(new AuditEntry({ ...record, idempotencyKey: idempotencyKey() }))
      .flush();
  } catch (e) {
    if (!(e instanceof UniqueConstraintViolationException)) throw e;
  }
}

/**
 * Section 6: several audit entries of one step in one transaction, all written once
 * however often the step is retried (entry i is keyed by idempotencyKey() and i; a retry
 * after the commit finds them there and writes nothing).
 */
export async function writeAuditEntries(orm: MikroORM, records: AuditRecord[]): Promise<void> {
  const key = idempotencyKey();
  try {
    await orm.em.fork().transactional(async (em) => {
      records.forEach((record, i) => em.persist(new AuditEntry({ ...record, idempotencyKey: `${key}#${i}` })));
      await em.flush();
    });
  } catch (e) {
    if (!(e instanceof UniqueConstraintViolationException)) throw e;
  }
}

/** Section 6: every change is written to the audit log. */
export function createAuditActivities(deps: { orm: MikroORM }) {
  return {
    recordAudit: (record: AuditRecord): Promise<void> => writeAuditEntry(deps.orm, record),
    recordAuditEntries: (records: AuditRecord[]): Promise<void> => writeAuditEntries(deps.orm, records),
  };
}
