import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';
import { Workspace } from './workspace.entity';

@Entity({ tableName: 'projects' })
// Cursor order of the projects listing: R-S1 is checked per row walked in this order.
@Index({ properties: ['workspace', 'createdAt', 'id'] })
export class Project {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace: Workspace;

  @Property({ type: 'string', length: 200 })
  name: string;

  @ManyToOne(() => User)
  owner: User;

  /** The owning organisation (the owner's at creation). */
  @ManyToOne(() => Organisation)
  organisation: Organisation;

  @Property({ type: 'boolean' })
  organisationProject = false;

  /** Requires organisationProject. */
  @Property({ type: 'boolean' })
  collaborationProject = false;

  /** Chosen at creation, never changed. */
  @Property({ type: 'boolean' })
  reversible = false;

  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: Date })
  createdAt: Date = new Date();

  constructor(props: {
    workspace: Workspace;
    name: string;
    owner: User;
    organisation: Organisation;
    organisationProject?: boolean;
    collaborationProject?: boolean;
    reversible?: boolean;
  }) {
    this.workspace = props.workspace;
    this.name = props.name;
    this.owner = props.owner;
    this.organisation = props.organisation;
    this.organisationProject = props.organisationProject ?? false;
    this.collaborationProject = props.collaborationProject ?? false;
    this.reversible = props.reversible ?? false;
  }
}
