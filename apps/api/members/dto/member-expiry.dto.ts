import { ApiProperty } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { MemberView } from './member.dto';

/** PATCH /workspaces/{id}/members/{userId}: the membership's end date (R-E1). */
export class EditMemberDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-01T09:00:00Z',
    description: 'R-E1: when the membership ends by itself (in the future); null clears it. A warning mail goes out EXPIRY_WARNING_DAYS (7) before.',
  })
  // Checked (required; null, or an ISO date-time in the future) by parseExpiresAt, which names the field.
  @Allow()
  expiresAt!: string | null;
}

export class EditedMemberView extends MemberView {
  @ApiProperty({ example: 'expiry.member.0b6f….5e1c…', description: 'the timer of the end date: GET /operations/{id}' }) expiryOperationId!: string;
}
