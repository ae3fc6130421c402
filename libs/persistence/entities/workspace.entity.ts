import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Organisation } from './organisation.entity';

@Entity({ tableName: 'workspaces' })
export class Workspace {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  name: string;

  /** R-W1: the owner organisation, implicitly of collaboration type Owner. */
  @ManyToOne(() => Organisation)
  ownerOrganisation: Organisation;

  @Property({ type: Date })
  createdAt: Date = new Date();

  constructor(name: string, ownerOrganisation: Organisation) {
    this.name = name;
    this.ownerOrganisation = ownerOrganisation;
  }
}
