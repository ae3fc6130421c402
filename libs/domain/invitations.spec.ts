import { DomainError } from './errors';
import { assertBulkSize, assertWithinRateLimit, emailDigest, hashInvitationToken, looksLikeInvitationToken, newInvitationToken } from './invitations';

const kindOf = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return `${(e as DomainError).kind} ${(e as DomainError).rule}`;
  }
};

describe('invitation rules', () => {
  it('R-I1 mints 256-bit URL-safe tokens and stores only a keyed hash', () => {
    const token = newInvitationToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(looksLikeInvitationToken(token)).toBe(true);
    expect(newInvitationToken()).not.toBe(token);
    const hash = hashInvitationToken(token, 'secret-a');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashInvitationToken(token, 'secret-b')).not.toBe(hash);
  });

  it('R-I5 digests an address case-insensitively and without revealing it', () => {
    expect(emailDigest('Ann@Example.test')).toBe(emailDigest('ann@example.test'));
    expect(emailDigest('ann@example.test')).toMatch(/^[0-9a-f]{24}$/);
  });

  it('R-I6 refuses more than 100 addresses and more than the hourly limit', () => {
    expect(kindOf(() => assertBulkSize(100))).toBe('ok');
    expect(kindOf(() => assertBulkSize(101))).toBe('invalid R-I6');
    expect(kindOf(() => assertWithinRateLimit(98, 2, 100))).toBe('ok');
    expect(kindOf(() => assertWithinRateLimit(99, 2, 100))).toBe('rate_limited R-I6');
  });
});
