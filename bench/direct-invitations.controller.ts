import { MikroORM } from '@mikro-orm/core';
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { createMailActivities } from '../activities/mail.activities';
import { InviteByEmailDto } from '../apps/api/invitations/dto/invitation.dto';
import { InvitationPlanner } from '../apps/api/invitations/invitation-planner';
import { InvitationsService } from '../apps/api/invitations/invitations.service';
import { CurrentCaller } from '../libs/auth/auth.guard';
import type { Caller } from '../libs/auth/caller';
import { AppConfig } from '../libs/config/app-config';
import { Mailer } from '../libs/mail/mailer';
import { invitationOperationId } from '../libs/operations/invitation-operations';
import { MAILS_PER_STEP } from '../workflows/invite-by-email.workflow';

/**
 * The worker's default number of activity slots. The workflow path mails in steps of
 * MAILS_PER_STEP addresses, at most this many steps at once in the whole worker; the direct
 * path does the same for the whole API process (not per request: 10 requests × 100 mails
 * at once exhausted PostgreSQL's pool of 10 connections, 503 after its 10 s wait).
 */
export const DIRECT_CONCURRENCY = 100;

/**
 * The baseline of bench/invitations, in the API process: the same request as
 * `POST /workspaces/{id}/invitations`, the same checks (`InvitationPlanner.plan`), the same
 * deciding transaction (`InvitationsService.write`: limits, rows, ledger, audit), then the
 * very code of the workflow's mail step (`mailInvitations`: token, SMTP, delivery mark),
 * run directly without Temporal, in the workflow's steps and at the worker's concurrency. Answers once every mail is sent.
 */
@Controller()
export class DirectInvitationsController {
  private readonly mail: ReturnType<typeof createMailActivities>;
  /** Shared by every request to this process, as the worker's slots are. */
  private readonly slots = pLimit(DIRECT_CONCURRENCY);

  constructor(
    private readonly planner: InvitationPlanner,
    private readonly invitations: InvitationsService,
    orm: MikroORM,
    mailer: Mailer,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.mail = createMailActivities({ orm, mailer, config });
  }

  @Post('bench/workspaces/:workspaceId/direct-invitations')
  @HttpCode(200)
  async invite(@CurrentCaller() caller: Caller, @Param('workspaceId') workspaceId: string, @Body() dto: InviteByEmailDto): Promise<{ sent: number }> {
    const plan = await this.planner.plan(caller, workspaceId, dto);
    const written = await this.invitations.write(
      caller,
      plan,
      plan.addresses.filter((a) => !a.pending),
      invitationOperationId(workspaceId, randomUUID()),
    );
    const steps = chunks(
      written.map((i) => ({ invitationId: i.id, send: 1, reason: 'invitation' as const })),
      MAILS_PER_STEP,
    );
    await Promise.all(
      steps.map((mails) =>
        this.slots(async () => {
          for (const outcome of await this.mail.mailInvitations({ mails })) if (!outcome.sent) throw new Error(`an invitation was not sent: ${outcome.status}`);
        }),
      ),
    );
    return { sent: written.length };
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
