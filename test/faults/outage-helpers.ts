import { execFileSync } from 'node:child_process';
import type { Reply } from '../support/http';

/** What a request that needs an unavailable dependency must answer (R-O2). */
export function expectUnavailable(reply: Reply, dependency: RegExp): void {
  expect({ status: reply.status, error: reply.body?.error, retryAfter: reply.headers.get('retry-after') !== null }).toEqual({
    status: 503,
    error: 'unavailable',
    retryAfter: true,
  });
  expect(reply.body.message).toMatch(dependency);
}

/**
 * A PostgreSQL 15 cluster of the test's own (never the shared `main`): created, started,
 * stopped and dropped with the Debian cluster tools. Needs root.
 */
export class OwnCluster {
  constructor(
    readonly name: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://collab:collab@127.0.0.1:${this.port}/collab`;
  }

  create(): void {
    execFileSync('pg_createcluster', ['15', this.name, '--port', String(this.port), '--start'], { stdio: 'ignore' });
    const psql = (sql: string) => execFileSync('su', ['postgres', '-c', `psql -p ${this.port} -qc "${sql}"`], { stdio: 'ignore' });
    psql("CREATE ROLE collab LOGIN SUPERUSER PASSWORD 'collab'");
    psql('CREATE DATABASE collab OWNER collab');
  }

  stop(): void {
    execFileSync('pg_ctlcluster', ['15', this.name, 'stop', '-m', 'fast'], { stdio: 'ignore' });
  }

  start(): void {
    execFileSync('pg_ctlcluster', ['15', this.name, 'start'], { stdio: 'ignore' });
  }

  drop(): void {
    execFileSync('pg_dropcluster', ['15', this.name, '--stop'], { stdio: 'ignore' });
  }
}
