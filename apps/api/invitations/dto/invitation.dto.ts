import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { COLLABORATION_TYPES, WORKSPACE_ROLES } from '../../../../libs/domain/roles';
import type { Invitation } from '../../../../libs/persistence/entities';
import { ProjectAccessDto } from '../../collaborators/dto/invite-collaborator.dto';
import { PageQuery } from '../../http/pagination';

/**
 * R-W6 (a): invite one or more people by email (bulk up to 100, R-I6), with the
 * collaboration types of their organisation, their workspace role and project access.
 */
export class InviteByEmailDto {
  @ApiProperty({ type: [String], example: ['ann@partner.example'], description: 'R-I6: 1…100 addresses; more is refused with 400, never truncated' })
  @IsArray()
  @ArrayMinSize(1)
  // Far above the rule's 100 so that the service answers with R-I6 named; this only bounds the payload.
  @ArrayMaxSize(10_000)
  // Each address is checked by the service, which names it (`emails[3]`, R-I9).
  @IsString({ each: true })
  emails!: string[];

  @ApiProperty({ type: [String], enum: COLLABORATION_TYPES.filter((t) => t !== 'Owner'), example: ['AnnotationPartner'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(COLLABORATION_TYPES.length)
  @IsString({ each: true })
  types!: string[];

  @ApiProperty({ enum: WORKSPACE_ROLES, description: 'R-W2: must be allowed by the types' })
  @IsIn(WORKSPACE_ROLES)
  role!: (typeof WORKSPACE_ROLES)[number];

  @ApiProperty({ type: ProjectAccessDto })
  // Required: @ValidateNested alone lets a missing object through (the handler then met undefined: a 500).
  @IsDefined()
  @ValidateNested()
  @Type(() => ProjectAccessDto)
  projectAccess!: ProjectAccessDto;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "the invitees' organisation when it is already known; otherwise an existing user's own, or a new one named on acceptance",
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-01T09:00:00Z',
    description: "R-E1: the end date the membership created by accepting will carry (a date-time in the future); not the link's own expiry",
  })
  // Checked (null, or an ISO date-time in the future) by parseExpiresAt, which names the field.
  @Allow()
  membershipExpiresAt?: string | null;
}

/** R-I2: what a person who is not yet a user gives on the acceptance page. */
export class AcceptInvitationDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'required when the invitee is not yet a user' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 200, description: "required when the invitee's organisation is new" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisationName?: string;
}

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) workspaceId!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ type: [String], enum: COLLABORATION_TYPES }) types!: string[];
  @ApiProperty({ type: String, enum: WORKSPACE_ROLES, nullable: true }) role!: string | null;
  @ApiProperty({ type: ProjectAccessDto }) projectAccess!: unknown;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organisationId!: string | null;
  @ApiProperty({ format: 'uuid' }) inviterId!: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined', 'revoked', 'expired', 'undeliverable'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSentAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) remindedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'the operation (workflow) of the request that carries the invitation' }) operationId!: string;
  @ApiProperty({ description: 'R-I9: the latest send (1 = first mail; resends and reminders add one) the SMTP server took; 0 before the first' })
  deliveredSend!: number;
}

/** One address of a POST /workspaces/{id}/invitations. Never a token or link (R-I3). */
export class InvitationAccepted {
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ format: 'uuid' }) invitationId!: string;
  @ApiProperty() operationId!: string;
  @ApiProperty({ format: 'uri-reference' }) href!: string;
  @ApiProperty({ description: 'R-I5: true when a pending invitation already existed and was returned instead of sending a second' })
  alreadyPending!: boolean;
}

export class InvitationsAccepted {
  @ApiProperty({ type: [InvitationAccepted] }) items!: InvitationAccepted[];
}

export class AcceptanceCreated {
  @ApiProperty() user!: boolean;
  @ApiProperty() organisation!: boolean;
  @ApiProperty() collaborator!: boolean;
  @ApiProperty() membership!: boolean;
}

export class InvitationAcceptance {
  @ApiProperty({ format: 'uuid' }) invitationId!: string;
  @ApiProperty({ format: 'uuid' }) workspaceId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) collaboratorId!: string;
  @ApiProperty({ type: AcceptanceCreated, description: 'what accepting created' }) created!: AcceptanceCreated;
}

export function mapInvitation(i: Invitation): InvitationView {
  return {
    id: i.id,
    workspaceId: i.workspace.id,
    email: i.email,
    types: i.types,
    role: i.role,
    projectAccess: i.projectAccess,
    organisationId: i.organisationId,
    inviterId: i.inviter.id,
    status: i.status,
    expiresAt: i.expiresAt.toISOString(),
    lastSentAt: i.lastSentAt?.toISOString() ?? null,
    remindedAt: i.remindedAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
    operationId: i.workflowId,
    deliveredSend: i.deliveredSend,
  };
}

export const INVITATION_LIST_STATUSES = ['pending', 'accepted', 'declined', 'revoked', 'expired', 'undeliverable', 'all'] as const;

/** R-I4, R-I7, R-I9: pending by default; declined, undeliverable… on request. */
export class InvitationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INVITATION_LIST_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(INVITATION_LIST_STATUSES)
  status: (typeof INVITATION_LIST_STATUSES)[number] = 'pending';
}
