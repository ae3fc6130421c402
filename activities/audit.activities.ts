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

/** Section 6: every change is written to the audit log, once per step however often it is retried. */
export function createAuditActivities(deps: { orm: MikroORM }) {
  return {
    async recordAudit(record: AuditRecord): Promise<void> {
      const em = deps.orm.em.fork();
      try {
        await em.persistAndFlush(new AuditEntry({ ...record, idempotencyKey: idempotencyKey() }));
      } catch (e) {
        if (!(e instanceof UniqueConstraintViolationException)) throw e;
      }
    },
  };
}
