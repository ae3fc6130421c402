import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, ValidateIf } from 'class-validator';
import { SHARE_PERMISSIONS } from '../../../../libs/domain/shares';
import type { SharePermission } from '../../../../libs/domain/shares';
import { NamedRef } from '../../http/openapi';

export class AddShareDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ type: [String], enum: SHARE_PERMISSIONS, example: ['view', 'edit'], description: 'R-S2: one or more' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARE_PERMISSIONS.length)
  @IsString({ each: true })
  permissions!: string[];

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-01T09:00:00Z',
    description: 'R-E1: when the share ends by itself (the user is warned EXPIRY_WARNING_DAYS (7) before); null or absent: never',
  })
  // Checked (null, or an ISO date-time in the future) by parseExpiresAt, which names the field.
  @Allow()
  expiresAt?: string | null;
}

/** PATCH …/shares/{userId}: permissions, end date, or both. */
export class UpdateShareDto {
  @ApiPropertyOptional({ type: [String], enum: SHARE_PERMISSIONS })
  // Absent: unchanged. Null is not "absent": a share cannot lose every permission (R-S2), so it is a 400.
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARE_PERMISSIONS.length)
  @IsString({ each: true })
  permissions?: string[];

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-01T09:00:00Z',
    description: 'R-E1: set, move (a date-time in the future) or clear (null) the end date of the share',
  })
  // Checked (null, or an ISO date-time in the future) by parseExpiresAt, which names the field.
  @Allow()
  expiresAt?: string | null;
}

export class TransferOwnershipDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  newOwnerId!: string;

  @ApiPropertyOptional({ type: [String], enum: SHARE_PERMISSIONS, description: "the new owner's share when it has none yet (R-S4); default ['view']" })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARE_PERMISSIONS.length)
  @IsString({ each: true })
  permissions?: string[];

  @ApiPropertyOptional({ default: false, description: 'R-S5: the previous owner keeps no share' })
  @IsOptional()
  @IsBoolean()
  leave?: boolean;
}

export class ShareView {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'R-E1: when the share ends by itself; null: never' })
  expiresAt!: string | null;
  @ApiPropertyOptional({ description: 'R-E1: the timer of the end date (GET /operations/{id}), when one was set or changed by this request' })
  expiryOperationId?: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String], enum: SHARE_PERMISSIONS }) permissions!: SharePermission[];
}

export class ProjectSharingView {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ type: NamedRef, description: 'the owning user, `{ id, name }` as in the project' }) owner!: NamedRef;
  @ApiProperty({ type: [ShareView] }) shares!: ShareView[];
  @ApiProperty({ description: 'R-S3: whether the caller may add, change or delete shares' }) canChange!: boolean;
}
