import { MikroORM } from '@mikro-orm/core';
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createMailActivities } from '../activities/mail.activities';
import { InviteByEmailDto } from '../apps/api/invitations/dto/invitation.dto';
import { InvitationPlanner } from '../apps/api/invitations/invitation-planner';
import { InvitationsService } from '../apps/api/invitations/invitations.service';
import { CurrentCaller } from '../libs/auth/auth.guard';
import type { Caller } from '../libs/auth/caller';
import { AppConfig } from '../libs/config/app-config';
import { Mailer } from '../libs/mail/mailer';
import { invitationOperationId } from '../libs/operations/invitation-operations';

/** The worker's default number of activity slots: the direct handler mails as many at once. */
export const DIRECT_CONCURRENCY = 100;

/**
 * The baseline of bench/invitations, in the API process: the same request as
 * `POST /workspaces/{id}/invitations`, the same checks (`InvitationPlanner.plan`), the same
 * deciding transaction (`InvitationsService.write`: limits, rows, ledger, audit), then the
 * very code of the workflow's mail step (`mailInvitations`: token, SMTP, delivery mark),
 * run directly without Temporal. Answers once every mail is sent.
 */
@Controller()
export class DirectInvitationsController {
  private readonly mail: ReturnType<typeof createMailActivities>;

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
    const queue = written.map((i) => i.id);
    await Promise.all(
      Array.from({ length: DIRECT_CONCURRENCY }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          const [outcome] = await this.mail.mailInvitations({ mails: [{ invitationId: id, send: 1, reason: 'invitation' }] });
          if (!outcome.sent) throw new Error(`invitation ${id} was not sent: ${outcome.status}`);
        }
      }),
    );
    return { sent: written.length };
  }
}
