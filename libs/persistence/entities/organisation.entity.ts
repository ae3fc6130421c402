import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

@Entity({ tableName: 'organisations' })
export class Organisation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  name: string;

  /** R-P1: the shareable organisation key, a UUID v4 distinct from the id. */
  @Unique()
  @Property({ type: 'uuid' })
  key: string = randomUUID();

  @Property({ type: Date })
  createdAt: Date = new Date();

  constructor(name: string) {
    this.name = name;
  }
}
