import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { WORKSPACE_ROLES, WorkspaceRole } from '../../../../libs/domain/roles';
import { WorkspaceMember } from '../../../../libs/persistence/entities';

/** PUT /workspaces/{id}/members/{userId}/roles: the member's new roles (R-W2), at least one. */
export class AssignRolesDto {
  @ApiProperty({ type: [String], enum: WORKSPACE_ROLES, example: ['Developer'] })
  @IsArray()
  @ArrayMaxSize(WORKSPACE_ROLES.length)
  @IsIn(WORKSPACE_ROLES, { each: true })
  roles!: WorkspaceRole[];
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ type: [String], enum: WORKSPACE_ROLES }) roles!: WorkspaceRole[];
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'R-E1: when the membership ends by itself; null: never' })
  expiresAt!: string | null;
}

export function mapMember(m: WorkspaceMember): MemberView {
  return {
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    organisationId: m.organisationId,
    roles: [...m.roles],
    joinedAt: m.createdAt.toISOString(),
    expiresAt: m.expiresAt ? m.expiresAt.toISOString() : null,
  };
}
