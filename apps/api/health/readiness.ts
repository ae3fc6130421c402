import { EntityManager } from '@mikro-orm/core';
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';

export type Check = { status: 'up' } | { status: 'down'; error: string };
export interface ReadinessReport {
  ready: boolean;
  database: Check;
  temporal: Check;
  /** When the checks ran (epoch ms): a cached report may be up to CACHE_MS old. */
  checkedAt: number;
}

/** How long one round of dependency checks answers every caller. */
export const CACHE_MS = 1500;
/** Each dependency check gives up after this long (a hung dependency is "down", fast). */
export const CHECK_TIMEOUT_MS = 3000;

/**
 * Whether this API process can serve: the database and Temporal answer. Cheap under
 * load (issue #16): one round of checks at a time is shared by every caller (single
 * flight) and its answer cached for CACHE_MS, so N probes a second cost at most one
 * database and one Temporal round trip per CACHE_MS, never one per caller. During
 * shutdown it answers not ready at once, so a load balancer stops sending traffic.
 */
@Injectable()
export class Readiness implements BeforeApplicationShutdown {
  private current?: { startedAt: number; report: Promise<ReadinessReport> };
  private shuttingDown = false;
  /** How many rounds of checks ran (for tests and metrics). */
  rounds = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly client: Client,
  ) {}

  report(now = Date.now()): Promise<ReadinessReport> {
    if (this.shuttingDown) return Promise.resolve({ ready: false, database: down('shutting down'), temporal: down('shutting down'), checkedAt: now });
    if (!this.current || now - this.current.startedAt >= CACHE_MS) this.current = { startedAt: now, report: this.check() };
    return this.current.report;
  }

  /** Lets the check in flight end (bounded by its deadline) before the Temporal connection closes under it. */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await this.current?.report;
  }

  private async check(): Promise<ReadinessReport> {
    this.rounds++;
    const [database, temporal] = await Promise.all([
      probe(() => this.em.getConnection().execute('select 1')),
      // A deadline on the call itself, so the SDK's retries stop with the probe (no retry left behind after shutdown).
      probe(() => this.client.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => this.client.workflowService.getSystemInfo({}))),
    ]);
    return { ready: database.status === 'up' && temporal.status === 'up', database, temporal, checkedAt: Date.now() };
  }
}

async function probe(call: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      call(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS))),
    ]);
    return { status: 'up' };
  } catch (e) {
    return down(e instanceof Error ? e.message.split('\n')[0] : String(e));
  } finally {
    clearTimeout(timer);
  }
}

function down(error: string): Check {
  return { status: 'down', error };
}
