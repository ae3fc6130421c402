import { randomBytes } from 'node:crypto';
import { Invitation } from '../../libs/persistence/entities';
import { TestApp, startTestApp } from '../support/test-app';
import { anEmail, anInviter, annotationPartner } from './invitation-helpers';

/** R-I6: concurrent requests are serialised by the database (run it on PostgreSQL too: DATABASE_URL=…); public pages are limited per client. */
describe('concurrent invitation requests and the per-client page limit (R-I6)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The limiter's key is a keyed hash of the client address: a secret of this file's own
    // keeps the other files' page requests (same database, same 127.0.0.1, same minute) out
    // of this client's count, whatever order the files and tests run in.
    t = await startTestApp({ worker: false, env: { INVITE_PAGE_LIMIT_PER_MINUTE: '5', INVITATION_TOKEN_SECRET: randomBytes(32).toString('hex') } });
  });
  afterAll(() => t.close());

  it('R-I6 10 concurrent requests of 15, 10 already sent: the accepted ones fill the hourly 100 exactly, every other one is 429, none dropped later', async () => {
    const { token, ws } = await anInviter(t);
    const earlier = await t.http
      .as(token)
      .post(`/workspaces/${ws.id}/invitations`, { emails: Array.from({ length: 10 }, () => anEmail()), ...annotationPartner });
    expect(earlier.status).toBe(202);
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.http.as(token).post(`/workspaces/${ws.id}/invitations`, { emails: Array.from({ length: 15 }, () => anEmail()), ...annotationPartner }),
      ),
    );
    const accepted = replies.filter((r) => r.status === 202);
    const refused = replies.filter((r) => r.status === 429);
    expect(accepted.length + refused.length).toBe(10);
    // 10 + 6 × 15 = 100 fit; a seventh would make 115.
    expect(accepted).toHaveLength(6);
    for (const r of refused) {
      expect(r.body).toMatchObject({ rule: 'R-I6', error: 'rate_limited' });
      expect(r.headers.get('retry-after')).toBeTruthy();
      expect(r.headers.get('ratelimit-remaining')).toBe('0');
    }
    const promised = [earlier, ...accepted].flatMap((r) => r.body.items.map((i: { invitationId: string }) => i.invitationId));
    const rows = await t.orm.em.fork().find(Invitation, { workspace: ws.id });
    expect(rows.map((r) => r.id).sort()).toEqual(promised.sort());
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
  });

  it('R-I6 one client may open /invite/… pages a limited number of times a minute (the shared database-backed limiter): then 429 with Retry-After', async () => {
    const replies = [];
    for (let i = 0; i < 7; i++) replies.push(await t.http.get(`/invite/${'B'.repeat(43)}`));
    const statuses = replies.map((r) => r.status);
    const last = replies[replies.length - 1];
    // The window is one clock minute: a run that straddles its end may count from 1 again.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.slice(0, 2)).toEqual([410, 410]);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last.headers.get('ratelimit-remaining')).toBe('0');
  });
});
