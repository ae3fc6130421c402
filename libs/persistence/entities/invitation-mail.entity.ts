import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * R-I6: one row per invitation email sent or reserved (first mail, resend, reminder), the
 * ledger the limits count: per inviter and hour, per recipient address and day. Written in
 * the same transaction that decides the send, so a `202` or `200` is never taken back.
 */
@Entity({ tableName: 'invitation_mails' })
@Unique({ properties: ['invitationId', 'send'] })
@Index({ properties: ['inviterId', 'createdAt'] })
@Index({ properties: ['email', 'createdAt'] })
export class InvitationMail {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  invitationId: string;

  /** The invitation's send number this mail carries. */
  @Property({ type: 'integer' })
  send: number;

  /** Lower-cased recipient. */
  @Property({ type: 'string', length: 320 })
  email: string;

  @Property({ type: 'uuid' })
  inviterId: string;

  @Property({ type: 'string', length: 16 })
  reason: 'invitation' | 'resend' | 'reminder';

  @Property({ type: Date })
  createdAt: Date = new Date();

  constructor(props: { invitationId: string; send: number; email: string; inviterId: string; reason: InvitationMail['reason'] }) {
    this.invitationId = props.invitationId;
    this.send = props.send;
    this.email = props.email;
    this.inviterId = props.inviterId;
    this.reason = props.reason;
  }
}
