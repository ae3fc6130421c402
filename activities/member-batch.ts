import type { EntityManager, Knex } from '@mikro-orm/knex';
import { Context } from '@temporalio/activity';
import type { WorkspaceRole } from '../libs/domain/roles';
import { timeOrderedUuid } from './time-ordered-id';

export interface AddMembersBatchInput {
  workspaceId: string;
  organisationId: string;
  role: WorkspaceRole;
  afterUserId: string | null;
  limit: number;
}
export interface AddMembersBatchResult {
  scanned: number;
  added: number;
  lastUserId: string | null;
}

/**
 * Rows per INSERT statement on SQLite: knex writes a multi-row insert there as a compound
 * SELECT, which SQLite caps at 500 terms. A batch's statements share one transaction.
 */
const SQLITE_ROWS_PER_STATEMENT = 500;

/**
 * R-W10: one batch of the organisation's users (keyset by user id) becomes members, in
 * INSERT … ON CONFLICT (workspace, user) DO NOTHING statements: a rerun or a retry adds
 * nobody twice. Plain knex in one transaction, as this is the hot path of 100,000-user
 * organisations; values converted by the ORM's platform. Stops (scanned 0) once the
 * collaborator is gone (removed meanwhile).
 *
 * R-O3: rows carry the workflow run that inserted them, so a retry whose earlier attempt
 * committed (its completion lost) counts those rows as added by this operation, not as
 * already members. Heartbeats between statements: a crashed worker is noticed within the
 * heartbeat timeout instead of the start-to-close timeout.
 */
export async function addMembersBatch(em: EntityManager, input: AddMembersBatchInput): Promise<AddMembersBatchResult> {
  const activity = currentActivity();
  activity?.heartbeat();
  const marker = activity?.info.workflowExecution?.runId ?? null;
  const knex = em.getKnex();
  const createdAt = em.getPlatform().processDateProperty(new Date());
  const rowsPerStatement = (knex.client as Knex.Client).dialect.includes('sqlite') ? SQLITE_ROWS_PER_STATEMENT : input.limit;
  return knex.transaction(async (trx) => {
    const collaborator = await trx<{ id: string; workspace_id: string; organisation_id: string }>('collaborators')
      .first('id')
      .where({ workspace_id: input.workspaceId, organisation_id: input.organisationId });
    if (!collaborator) return { scanned: 0, added: 0, lastUserId: null };
    const page = trx<{ id: string; organisation_id: string }>('users')
      .select('id')
      .where('organisation_id', input.organisationId)
      .orderBy('id')
      .limit(input.limit);
    const users = await (input.afterUserId ? page.where('id', '>', input.afterUserId) : page);
    if (users.length === 0) return { scanned: 0, added: 0, lastUserId: null };
    const roles = JSON.stringify([input.role]);
    const rows = users.map((u) => ({
      id: timeOrderedUuid(),
      workspace_id: input.workspaceId,
      user_id: u.id,
      organisation_id: input.organisationId,
      roles,
      created_at: createdAt,
      added_by_operation: marker,
    }));
    let added = 0;
    for (let from = 0; from < rows.length; from += rowsPerStatement) {
      const inserted = await trx('workspace_members')
        .insert(rows.slice(from, from + rowsPerStatement))
        .onConflict(['workspace_id', 'user_id'])
        .ignore()
        .returning('user_id');
      added += inserted.length;
      activity?.heartbeat();
    }
    const lastUserId = users[users.length - 1].id;
    if (marker && activity && activity.info.attempt > 1) {
      // A retry: the rows an earlier attempt of this batch committed are this run's too.
      const [{ n }] = await trx('workspace_members')
        .count({ n: '*' })
        .where({ workspace_id: input.workspaceId, added_by_operation: marker })
        .andWhere('user_id', '>=', users[0].id)
        .andWhere('user_id', '<=', lastUserId);
      added = Number(n);
    }
    return { scanned: users.length, added, lastUserId };
  });
}

/** The running activity's context, or undefined when called outside an activity (bench, tests). */
function currentActivity(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}
