import { DomainError } from './errors';
import {
  InvitationRateLimited,
  assertBulkSize,
  assertRecipientWithinLimit,
  assertWithinRateLimit,
  judgeMailBudget,
  emailDigest,
  hasControlCharacters,
  hashInvitationToken,
  invitationMessageId,
  invitationToken,
  looksLikeInvitationToken,
} from './invitations';

const kindOf = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return `${(e as DomainError).kind} ${(e as DomainError).rule}`;
  }
};

describe('invitation rules', () => {
  it('R-I1 derives 256-bit URL-safe tokens per invitation and send, and stores only a keyed hash', () => {
    const token = invitationToken('inv-1', 1, 'secret-a');
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(looksLikeInvitationToken(token)).toBe(true);
    expect(invitationToken('inv-1', 2, 'secret-a')).not.toBe(token);
    expect(invitationToken('inv-2', 1, 'secret-a')).not.toBe(token);
    expect(invitationToken('inv-1', 1, 'secret-b')).not.toBe(token);
    const hash = hashInvitationToken(token, 'secret-a');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashInvitationToken(token, 'secret-b')).not.toBe(hash);
  });

  it('R-I9 a retried send derives the same token and Message-ID; a new send number changes both', () => {
    expect(invitationToken('inv-1', 3, 's')).toBe(invitationToken('inv-1', 3, 's'));
    expect(invitationMessageId('inv-1', 3, 'example.test')).toBe('<invitation.inv-1.3@example.test>');
    expect(invitationMessageId('inv-1', 4, 'example.test')).not.toBe(invitationMessageId('inv-1', 3, 'example.test'));
  });

  it('R-I5 digests an address case-insensitively with a keyed HMAC, never a plain hash', () => {
    expect(emailDigest('Ann@Example.test', 'k')).toBe(emailDigest('ann@example.test', 'k'));
    expect(emailDigest('ann@example.test', 'k')).toMatch(/^[0-9a-f]{24}$/);
    expect(emailDigest('ann@example.test', 'other')).not.toBe(emailDigest('ann@example.test', 'k'));
  });

  it('R-I9 finds control characters in addresses, quoted or not', () => {
    for (const bad of ['"a\r\nb"@example.test', 'a\nb@example.test', 'a\u0000b@example.test', '"x\u0007"@example.test', 'a\u2028@example.test'])
      expect(hasControlCharacters(bad)).toBe(true);
    expect(hasControlCharacters('"a b"@example.test')).toBe(false);
  });

  it('R-I6 refuses more than 100 addresses and more than the hourly limit, saying when and what is left', () => {
    expect(kindOf(() => assertBulkSize(100))).toBe('ok');
    expect(kindOf(() => assertBulkSize(101))).toBe('invalid R-I6');
    expect(kindOf(() => assertWithinRateLimit(98, 2, 100))).toBe('ok');
    expect(kindOf(() => assertWithinRateLimit(99, 2, 100))).toBe('rate_limited R-I6');
    const now = Date.parse('2026-11-29T12:00:00Z');
    try {
      assertWithinRateLimit(90, 15, 100, new Date(now - 3_000_000), now);
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(InvitationRateLimited);
      expect(e).toMatchObject({ remaining: 10, limit: 100, retryAfterSeconds: 600 });
    }
  });

  it('R-I6 refuses a sixth mail to one address in a day, naming the address field', () => {
    expect(kindOf(() => assertRecipientWithinLimit('emails[2]', 4, 5))).toBe('ok');
    expect(() => assertRecipientWithinLimit('emails[2]', 5, 5)).toThrow(expect.objectContaining({ field: 'emails[2]', kind: 'rate_limited' }));
  });

  it("R-I6 judgeMailBudget: the inviter's hourly budget wins over a recipient's, and recipients are judged in the request's order", () => {
    const limits = { perHour: 10, perDay: 2 };
    const mails = [
      { email: 'a@example.test', field: 'emails[0]' },
      { email: 'b@example.test', field: 'emails[1]' },
      { email: 'c@example.test', field: 'emails[2]' },
    ];
    const full = new Map([
      ['b@example.test', { sent: 2 }],
      ['c@example.test', { sent: 2 }],
    ]);
    expect(() => judgeMailBudget({ inviter: { sent: 9 }, recipients: full }, mails, limits)).toThrow(expect.objectContaining({ field: 'emails' }));
    expect(() => judgeMailBudget({ inviter: { sent: 0 }, recipients: full }, mails, limits)).toThrow(expect.objectContaining({ field: 'emails[1]' }));
    expect(kindOf(() => judgeMailBudget({ inviter: { sent: 7 }, recipients: new Map([['a@example.test', { sent: 1 }]]) }, mails, limits))).toBe('ok');
  });
});
