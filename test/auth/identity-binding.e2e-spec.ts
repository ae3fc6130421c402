import { randomUUID } from 'node:crypto';
import { User } from '../../libs/persistence/entities';
import { anOrganisation } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';
import { aToken } from '../support/tokens';

const HOUR = 3600;

/** R-A1 as a security reviewer attacks it: binding by email, token lifetime, issuer and audience. */
describe('identity binding and token checks (R-A1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http.as(token).get('/organisations/me');
  const subjectOf = async (id: string) => (await t.orm.em.fork().findOneOrFail(User, id)).subject;

  it('R-A1 binds the subject on first sight when the provider verified the email', async () => {
    const { users } = await anOrganisation(t.orm);
    const sub = `idp|${randomUUID()}`;
    const res = await me(await aToken({ sub, email: users[0].email.toUpperCase() }));
    expect(res.status).toBe(200);
    expect(res.body.me.email).toBe(users[0].email);
    expect(await subjectOf(users[0].id)).toBe(sub);
  });

  it('R-A1 account takeover by first sight: a foreign subject with an unverified email is refused and binds nothing', async () => {
    const { users } = await anOrganisation(t.orm);
    for (const emailVerified of [false, undefined, 'true']) {
      const res = await me(await aToken({ sub: `attacker|${randomUUID()}`, email: users[0].email, email_verified: emailVerified }));
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: 'unauthenticated', rule: 'R-A1' });
      expect(res.body.message).toContain('email_verified');
    }
    expect(await subjectOf(users[0].id)).toBeNull();
    // The real user still signs in, and is bound to their own subject.
    const own = await me(await aToken({ sub: `idp|${users[0].id}`, email: users[0].email }));
    expect(own.status).toBe(200);
  });

  it('R-A1 a user bound to a subject is never re-bound: another subject with the same verified email gets 401, the owner keeps working', async () => {
    const { users } = await anOrganisation(t.orm);
    const ownSub = `idp|${randomUUID()}`;
    expect((await me(await aToken({ sub: ownSub, email: users[0].email }))).status).toBe(200);
    const takeover = await me(await aToken({ sub: `idp|${randomUUID()}`, email: users[0].email }));
    expect(takeover.status).toBe(401);
    expect(takeover.body.message).toBe('this account is already linked to another sign-in identity; sign in with that one');
    expect(await subjectOf(users[0].id)).toBe(ownSub);
    expect((await me(await aToken({ sub: ownSub, email: users[0].email }))).status).toBe(200);
  });

  it('R-A1 tokens that never expire are refused: no exp, exp ten years ahead, older than the maximum age, expired beyond the skew', async () => {
    const { users } = await anOrganisation(t.orm);
    const sub = `idp|${randomUUID()}`;
    const now = Math.floor(Date.now() / 1000);
    expect((await me(await aToken({ sub, email: users[0].email }))).status).toBe(200);
    const refused = [
      { exp: undefined },
      { iat: undefined },
      { exp: now + 10 * 365 * 24 * HOUR },
      { iat: now - 25 * HOUR, exp: now + HOUR },
      { iat: now - 2 * HOUR, exp: now - 61 },
      { iat: now + 5 * 60 },
    ];
    for (const claims of refused) {
      const res = await me(await aToken({ sub, email: users[0].email, ...claims }));
      expect({ claims, status: res.status }).toEqual({ claims, status: 401 });
    }
  });

  it('R-A1 allows 60 s of clock skew', async () => {
    const { users } = await anOrganisation(t.orm);
    const now = Math.floor(Date.now() / 1000);
    const sub = `idp|${randomUUID()}`;
    const res = await me(await aToken({ sub, email: users[0].email, iat: now + 30, exp: now - 30 + HOUR }));
    expect(res.status).toBe(200);
    const late = await me(await aToken({ sub, email: users[0].email, iat: now - HOUR, exp: now - 30 }));
    expect(late.status).toBe(200);
  });

  it('R-A1 the issuer and the audience are checked in local mode too', async () => {
    const { users } = await anOrganisation(t.orm);
    const sub = `idp|${randomUUID()}`;
    for (const claims of [{ iss: 'https://elsewhere.example' }, { iss: undefined }, { aud: 'another-api' }, { aud: undefined }]) {
      const res = await me(await aToken({ sub, email: users[0].email, ...claims }));
      expect({ claims, status: res.status }).toEqual({ claims, status: 401 });
    }
  });
});
