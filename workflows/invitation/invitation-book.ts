import type {
  InvitationOutcome,
  InvitationProgress,
  InvitationState,
  InviteByEmailInput,
  InviteByEmailResult,
} from '../../libs/operations/invitation-operations';
import { Mutex } from './mutex';

/** One invitation of the request: its own state, send number, timers and mutex. */
export interface Invitee {
  readonly id: string;
  state: InvitationState;
  /** The send whose link works now (1 = first mail; resends and reminders add one). */
  send: number;
  expiresAt: number;
  remindAt: number;
  reminded: boolean;
  acceptedUserId?: string;
  readonly mutex: Mutex;
}

/**
 * The workflow's state, apart from its story and its handlers: every invitation of the
 * request by id, what was mailed, and what woke the workflow. Pure data and arithmetic.
 */
export class InvitationBook {
  readonly invitees = new Map<string, Invitee>();
  mailed = 0;
  /** R-O4: `cancelling`, then `cancelled` for good, when a cancel stopped the mailing. */
  phase: 'mailing' | 'cancelling' | 'cancelled' | 'awaitingAnswers' | 'done' = 'mailing';
  /** Set by handlers: the main loop recomputes its next timer. */
  changed = false;
  /** Set by the R-W11 signal: re-read the rows. */
  rowsChanged = false;

  constructor(readonly input: InviteByEmailInput) {
    const created = Date.parse(input.createdAt);
    for (const id of input.invitationIds) {
      this.invitees.set(id, {
        id,
        state: 'pending',
        send: 1,
        expiresAt: created + input.ttlMs,
        remindAt: created + input.reminderAfterMs,
        reminded: false,
        mutex: new Mutex(),
      });
    }
  }

  get(id: string): Invitee | undefined {
    return this.invitees.get(id);
  }

  pending(): Invitee[] {
    return [...this.invitees.values()].filter((i) => i.state === 'pending');
  }

  close(invitee: Invitee, state: InvitationState, acceptedUserId?: string): void {
    if (invitee.state !== 'pending') return;
    invitee.state = state;
    if (acceptedUserId) invitee.acceptedUserId = acceptedUserId;
    this.changed = true;
  }

  /** A resend restarts the invitation's clock (R-I4). */
  restart(invitee: Invitee, send: number, expiresAt: number, now: number): void {
    Object.assign(invitee, { send, expiresAt, remindAt: now + this.input.reminderAfterMs, reminded: false });
    this.changed = true;
  }

  /** When the next reminder or expiry is due, or undefined when nothing is pending. */
  nextDueAt(): number | undefined {
    const times = this.pending().map((i) => (i.reminded ? i.expiresAt : Math.min(i.remindAt, i.expiresAt)));
    return times.length ? Math.min(...times) : undefined;
  }

  due(now: number): Array<{ invitee: Invitee; step: 'expire' | 'remind' }> {
    return this.pending().flatMap((invitee): Array<{ invitee: Invitee; step: 'expire' | 'remind' }> => {
      if (now >= invitee.expiresAt) return [{ invitee, step: 'expire' }];
      if (!invitee.reminded && now >= invitee.remindAt) return [{ invitee, step: 'remind' }];
      return [];
    });
  }

  progress(): InvitationProgress {
    const counts: Partial<Record<InvitationState, number>> = {};
    for (const i of this.invitees.values()) counts[i.state] = (counts[i.state] ?? 0) + 1;
    const total = this.invitees.size;
    const step = this.phase === 'mailing' ? `mailed ${this.mailed} of ${total}` : this.phase;
    return { step, done: this.phase === 'mailing' ? this.mailed : total - (counts.pending ?? 0), total, mailed: this.mailed, counts };
  }

  state() {
    return [...this.invitees.values()].map((i) => ({
      invitationId: i.id,
      state: i.state,
      send: i.send,
      expiresAt: new Date(i.expiresAt).toISOString(),
      reminded: i.reminded,
    }));
  }

  result(): InviteByEmailResult {
    const invitations = [...this.invitees.values()].map((i): InvitationOutcome => ({
      invitationId: i.id,
      outcome: i.state,
      ...(i.acceptedUserId ? { acceptedUserId: i.acceptedUserId } : {}),
    }));
    return { invitations, mailed: this.mailed };
  }
}
