import { MikroORM } from '@mikro-orm/core';
import { Workspace } from '../../libs/persistence/entities';
import { ormOptions } from '../../libs/persistence/orm-config';
import { sqlConnection } from '../../libs/persistence/sql-connection';
import { anOrganisation, aWorkspace } from '../support/factories';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * Issue 13: values reach the database as bound parameters, and another process writing
 * at the same time (the worker) is waited for, never a 500.
 */
describe('database writes under contention and odd values (R-O2, section 8)', () => {
  let t: TestApp;
  let other: MikroORM;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    // A second connection to the same database, as the worker process has.
    other = await MikroORM.init(ormOptions(t.config.database, { allowGlobalContext: true }));
  });
  afterAll(async () => {
    await other.close(true);
    await t.close();
  });

  /** Commits tiny writes from the other connection as fast as it can until stopped; never waits for a lock. */
  async function otherWriter(workspaceId: string): Promise<{ stop: () => Promise<number> }> {
    const knex = sqlConnection(other.em).getKnex();
    const sqlite = t.config.database.driver === 'sqlite';
    if (sqlite) await knex.raw('pragma busy_timeout = 0');
    const stopped = new AbortController();
    let commits = 0;
    const loop = (async () => {
      while (!stopped.signal.aborted) {
        try {
          await knex.raw('update workspaces set name = name where id = ?', [workspaceId]);
          commits++;
        } catch {
          // the API holds the write lock: this writer gives way, the API must not
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    return {
      stop: async () => {
        stopped.abort();
        await loop;
        return commits;
      },
    };
  }

  // As many requests as the API's PostgreSQL pool has connections (10): they contend for
  // locks with the other writer, never for a pooled connection. A request that waits longer
  // than DB_POOL_WAIT_MS for one is answered 503 by design (orm-config.ts); on an overloaded
  // CI machine 20 requests once did.
  it('R-O2: 10 concurrent POST …/projects while another connection commits writes all answer 201', async () => {
    const owner = await anOrganisation(t.orm);
    const token = await t.tokenFor(owner.users[0]);
    const ws = await aWorkspace(t.http, token);
    const writer = await otherWriter(ws.id);
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => t.http.as(token).post(`/workspaces/${ws.id}/projects`, { name: `Contended ${i}` })));
    const commits = await writer.stop();
    if (replies.some((r) => r.status >= 500))
      console.error(
        JSON.stringify(replies.filter((r) => r.status >= 500).map((r) => [r.status, r.body])),
        t.logs
          .filter((l) => /"level":"(warn|error)"/.test(l))
          .slice(-5)
          .join('\n'),
      );
    expect(commits).toBeGreaterThan(0);
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(201));
  });

  it('section 8: quotes, question marks and backslashes are stored exactly as sent (bound, not SQL text)', async () => {
    const owner = await anOrganisation(t.orm);
    const token = await t.tokenFor(owner.users[0]);
    const name = `it's ?? a \\ "test" ?; -- ${Date.now()}`;
    const ws = await aWorkspace(t.http, token, name);
    expect((await t.orm.em.fork().findOneOrFail(Workspace, ws.id)).name).toBe(name);
  });

  it('section 8 (SQLite): a NUL character the ORM writes is a bound parameter, stored and read back intact', async () => {
    if (t.config.database.driver !== 'sqlite') {
      expect(t.config.database.driver).toBe('postgresql'); // PostgreSQL text cannot hold NUL: the API refuses it (bad-input spec)
      return;
    }
    const em = t.orm.em.fork();
    const owner = await anOrganisation(t.orm);
    const ws = await aWorkspace(t.http, await t.tokenFor(owner.users[0]));
    await em.nativeUpdate(Workspace, ws.id, { name: 'a\u0000b' });
    expect((await t.orm.em.fork().findOneOrFail(Workspace, ws.id)).name).toBe('a\u0000b');
  });
});
