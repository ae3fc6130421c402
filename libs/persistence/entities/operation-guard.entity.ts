import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * R-O1: which operation holds a lock (libs/operations/operation-locks.ts). One row per
 * lock key, kept after the operation ends (the next start finds it finished and takes
 * over). `scope` is the collaborator or project the key belongs to, so an operation on a
 * whole collaborator finds the member operations running inside it.
 */
@Entity({ tableName: 'operation_guards' })
export class OperationGuard {
  @PrimaryKey({ type: 'string', length: 255 })
  lockKey: string;

  @Index({ name: 'operation_guards_scope_index' })
  @Property({ type: 'string', length: 255 })
  scope: string;

  /** The workflow id holding the lock; null once seen finished. */
  @Property({ type: 'string', length: 255, nullable: true })
  operationId: string | null = null;

  /** Hash of the holder's request, so that an identical request joins it. */
  @Property({ type: 'string', length: 64, nullable: true })
  requestHash: string | null = null;

  @Property({ type: Date })
  updatedAt: Date = new Date();

  constructor(lockKey: string, scope: string) {
    this.lockKey = lockKey;
    this.scope = scope;
  }
}
