import { MikroORM } from '@mikro-orm/core';
import type { AppConfig } from '../libs/config/app-config';
import { DomainError } from '../libs/domain/errors';
import type { Mailer } from '../libs/mail/mailer';
import { ruleFailure } from '../libs/operations/rule-failure';
import { createAuditActivities } from './audit.activities';
import { createCollaboratorActivities } from './collaborator.activities';
import { createInvitationActivities } from './invitation.activities';
import { createExpiryActivities } from './expiry.activities';
import { createMailActivities } from './mail.activities';
import { createMembershipActivities } from './membership.activities';
import { createCollaboratorRemovalActivities } from './collaborator-removal.activities';
import { createProjectActivities } from './project.activities';
import { createShareActivities } from './share.activities';

export interface ActivityDependencies {
  orm: MikroORM;
  mailer: Mailer;
  config: AppConfig;
}

/**
 * Every activity of the worker, built from its dependencies (the worker takes them from
 * Nest's container; tests may wire them by hand). Domain errors become non-retryable
 * failures that carry the rule, here and only here.
 */
export function createActivities(deps: ActivityDependencies) {
  return withDomainFailures({
    ...createAuditActivities(deps),
    ...createCollaboratorActivities(deps),
    ...createMembershipActivities(deps),
    ...createCollaboratorRemovalActivities(deps),
    ...createProjectActivities(deps),
    ...createShareActivities(deps),
    ...createInvitationActivities(deps),
    ...createMailActivities(deps),
    ...createExpiryActivities(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;

function withDomainFailures<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof DomainError) throw ruleFailure(e);
        throw e;
      }
    };
  }
  return wrapped as T;
}
