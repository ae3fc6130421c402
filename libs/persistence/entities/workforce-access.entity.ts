import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Organisation } from './organisation.entity';

/** `manager` manages the workforce of `managed`. Access to oneself is implicit, never stored. */
@Entity({ tableName: 'workforce_access' })
@Unique({ properties: ['manager', 'managed'] })
export class WorkforceAccess {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organisation, { deleteRule: 'cascade' })
  manager: Organisation;

  @ManyToOne(() => Organisation, { deleteRule: 'cascade' })
  managed: Organisation;

  @Property({ type: Date })
  createdAt: Date = new Date();

  constructor(manager: Organisation, managed: Organisation) {
    this.manager = manager;
    this.managed = managed;
  }
}
