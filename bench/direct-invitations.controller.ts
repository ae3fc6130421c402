import { MikroORM } from '@mikro-orm/core';
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createInvitationActivities } from '../activities/invitation.activities';
import { createMailActivities } from '../activities/mail.activities';
import { InviteByEmailDto } from '../apps/api/invitations/dto/invitation.dto';
import { InvitationsService } from '../apps/api/invitations/invitations.service';
import { CurrentCaller } from '../libs/auth/auth.guard';
import type { Caller } from '../libs/auth/caller';
import { AppConfig } from '../libs/config/app-config';
import { Mailer } from '../libs/mail/mailer';
import type { InviteByEmailInput } from '../libs/operations/invitation-operations';

/** The worker's default number of local activity slots: the direct handler runs as many at once. */
export const DIRECT_CONCURRENCY = 100;

/**
 * The baseline of bench/invitations, in the API process: the same request as
 * `POST /workspaces/{id}/invitations`, the same checks (`InvitationsService.plan`), then the
 * very code of the invitation workflow's two first steps, `persistInvitation` (rule
 * re-check, row and audit entry in one transaction) and `sendInvitationMail` (token, hash,
 * SMTP), run directly in the request without Temporal. Answers once every mail is sent.
 */
@Controller()
export class DirectInvitationsController {
  private readonly steps: ReturnType<typeof createInvitationActivities> & ReturnType<typeof createMailActivities>;

  constructor(
    private readonly invitations: InvitationsService,
    orm: MikroORM,
    mailer: Mailer,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.steps = { ...createInvitationActivities({ orm, config }), ...createMailActivities({ orm, mailer, config }) };
  }

  @Post('bench/workspaces/:workspaceId/direct-invitations')
  @HttpCode(200)
  async invite(@CurrentCaller() caller: Caller, @Param('workspaceId') workspaceId: string, @Body() dto: InviteByEmailDto): Promise<{ sent: number }> {
    const queue = (await this.invitations.plan(caller, workspaceId, dto)).flatMap(({ input }) => (input ? [input] : []));
    const count = queue.length;
    await Promise.all(
      Array.from({ length: DIRECT_CONCURRENCY }, async () => {
        for (let input = queue.shift(); input; input = queue.shift()) await this.inviteOne(input);
      }),
    );
    return { sent: count };
  }

  private async inviteOne(input: InviteByEmailInput): Promise<void> {
    const invitationId = randomUUID();
    const expiresAt = new Date(Date.now() + input.ttlMs).toISOString();
    await this.steps.persistInvitation({ ...input, invitationId, expiresAt, workflowId: `direct.${invitationId}` });
    const sent = await this.steps.sendInvitationMail({ invitationId, reason: 'invitation', expiresAt });
    if (!sent.sent) throw new Error(`invitation ${invitationId} was not sent: ${sent.status}`);
  }
}
