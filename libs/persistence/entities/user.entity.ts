import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { OrgRole } from '../../domain/roles';
import { Organisation } from './organisation.entity';

@Entity({ tableName: 'users' })
/** Keyset batches of an organisation's users (R-W10) read this index, so each batch costs the same. */
@Index({ name: 'users_organisation_id_id_index', properties: ['organisation', 'id'] })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Unique and compared case-insensitively: always stored lower-cased (see normaliseEmail). */
  @Unique()
  @Property({ type: 'string', length: 320 })
  email: string;

  @Property({ type: 'string', length: 200 })
  name: string;

  @ManyToOne(() => Organisation, { deleteRule: 'cascade' })
  organisation: Organisation;

  @Property({ type: 'json' })
  orgRoles: OrgRole[];

  /** The identity provider's `sub`, bound on first sight. */
  @Unique()
  @Property({ type: 'string', length: 255, nullable: true })
  subject: string | null = null;

  @Property({ type: Date })
  createdAt: Date = new Date();

  constructor(props: { email: string; name: string; organisation: Organisation; orgRoles?: OrgRole[] }) {
    this.email = normaliseEmail(props.email);
    this.name = props.name;
    this.organisation = props.organisation;
    this.orgRoles = props.orgRoles ?? ['Member'];
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
