import { MikroORM } from '@mikro-orm/core';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ScratchDatabase, scratchDatabase } from '../../bench/scratch-database';
import { loadDatabaseConfig } from '../../libs/config/app-config';
import { bootstrapOrganisation } from '../../libs/persistence/bootstrap';
import { Organisation, User } from '../../libs/persistence/entities';
import { migrate, pendingMigrations, waitForMigrations } from '../../libs/persistence/migrate';
import { ormOptions } from '../../libs/persistence/orm-config';

const exec = promisify(execFile);
const root = join(__dirname, '../..');

/**
 * Issue #15, operator commands on a database of their own (a fresh SQLite file, or a
 * fresh PostgreSQL database when the run uses PostgreSQL): `npm run migrate` from several
 * replicas at once, `npm run bootstrap` twice, and a process that waits for migrations.
 */
describe('operator commands: migrate and bootstrap', () => {
  /** A database of the test's own, not migrated yet; every test builds its own, so they run in any order. */
  interface Fresh {
    env: Record<string, string>;
    orm: MikroORM;
  }
  const made: Array<{ orm: MikroORM; scratch?: ScratchDatabase; dir: string }> = [];
  async function freshDatabase(): Promise<Fresh> {
    const dir = mkdtempSync(join(tmpdir(), 'collab-ops-'));
    const scratch = process.env.DATABASE_URL ? await scratchDatabase(process.env.DATABASE_URL) : undefined;
    const env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      ...(scratch ? { DATABASE_URL: scratch.url } : { SQLITE_PATH: join(dir, 'app.sqlite') }),
    };
    const orm = await MikroORM.init(ormOptions(loadDatabaseConfig(env)));
    made.push({ orm, scratch, dir });
    return { env, orm };
  }
  afterAll(async () => {
    for (const { orm, scratch, dir } of made) {
      await orm.close();
      await scratch?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** Runs scripts/NAME.ts as its own process, as `npm run NAME` would (compiled on the fly). */
  const command = (env: Record<string, string>, name: string, args: string[] = []) =>
    exec(process.execPath, ['-r', join(root, 'test/support/register-ts.js'), join(root, 'scripts', `${name}.ts`), ...args], {
      env,
      cwd: root,
      timeout: 90_000,
    }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: unknown) => {
        const failed = e as { code: number; stdout: string; stderr: string }; // execFile's error carries the output
        return { code: failed.code, out: failed.stdout, err: failed.stderr };
      },
    );

  it('a process that must not migrate waits for the migrate job, and says what is missing when it gives up', async () => {
    const { orm } = await freshDatabase();
    const pending = await pendingMigrations(orm);
    expect(pending.length).toBeGreaterThan(0);
    await expect(waitForMigrations(orm, { timeoutMs: 1500 })).rejects.toThrow(/lacks \d+ migration\(s\).*npm run migrate/);
  });

  it('three replicas running `npm run migrate` at once all succeed and apply each migration once; a fourth run is a no-op', async () => {
    const { env, orm } = await freshDatabase();
    const waiting = waitForMigrations(orm, { timeoutMs: 120_000 });
    const runs = await Promise.all([command(env, 'migrate'), command(env, 'migrate'), command(env, 'migrate')]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    await waiting; // the waiting process saw the job finish
    const executed = await orm.migrator.getExecutedMigrations();
    expect(new Set(executed.map((m) => m.name)).size).toBe(executed.length);
    expect(await pendingMigrations(orm)).toEqual([]);
    const again = await command(env, 'migrate');
    expect([again.code, again.out]).toEqual([0, expect.stringContaining('up to date')]);
    expect(await migrate(orm)).toBe(0);
  });

  it('`npm run bootstrap` creates the first organisation and its OrgAdmin once, and a second run changes nothing', async () => {
    const { env, orm } = await freshDatabase();
    expect((await command(env, 'migrate')).code).toBe(0);
    const first = await command(env, 'bootstrap', ['--organisation', 'First Org', '--admin', 'Root@Example.org']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/organisation "First Org" created[\s\S]*admin root@example.org created as OrgAdmin/);
    const second = await command(env, 'bootstrap', ['--organisation', 'First Org', '--admin', 'root@example.org']);
    expect(second.out).toMatch(/already there[\s\S]*already OrgAdmin/);
    const em = orm.em.fork();
    expect(await em.count(Organisation, { name: 'First Org' })).toBe(1);
    const admin = await em.findOneOrFail(User, { email: 'root@example.org' }, { populate: ['organisation'] });
    expect([admin.organisation.name, admin.orgRoles]).toEqual(['First Org', ['OrgAdmin']]);
  });

  it('bootstrap makes an existing member OrgAdmin, refuses an email of another organisation, and names missing arguments', async () => {
    const { env, orm } = await freshDatabase();
    expect((await command(env, 'migrate')).code).toBe(0);
    await bootstrapOrganisation(orm, { organisation: 'First Org', adminEmail: 'root@example.org' });
    const em = orm.em.fork();
    const org = (await em.findOneOrFail(Organisation, { name: 'First Org' })) as Organisation;
    em.persist(new User({ email: 'member@example.org', name: 'M', organisation: org }));
    const other = new Organisation('Other Org');
    em.persist([other, new User({ email: 'taken@example.org', name: 'T', organisation: other })]);
    await em.flush();
    const promoted = await bootstrapOrganisation(orm, { organisation: 'First Org', adminEmail: 'member@example.org' });
    expect([promoted.organisation.created, promoted.admin.created, promoted.admin.grantedOrgAdmin]).toEqual([false, false, true]);
    expect((await orm.em.fork().findOneOrFail(User, { email: 'member@example.org' })).orgRoles).toEqual(['OrgAdmin']);
    await expect(bootstrapOrganisation(orm, { organisation: 'First Org', adminEmail: 'taken@example.org' })).rejects.toThrow(/another organisation/);
    const missing = await command(env, 'bootstrap', ['--organisation', 'X']);
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('--admin EMAIL')]);
    const bad = await command(env, 'bootstrap', ['--organisation', 'X', '--admin', 'not-an-email']);
    expect([bad.code, bad.err]).toEqual([2, expect.stringContaining('--admin must be an email')]);
  });
});
