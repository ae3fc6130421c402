import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ORG_ROLES, OrgRole } from '../../../../libs/domain/roles';
import { OperationAccepted } from '../../operations/operation.dto';

/** POST /organisations/{id}/users (R-W9). */
export class CreateOrganisationUserDto {
  @ApiProperty({ format: 'email' })
  @IsEmail()
  @Length(3, 320)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: [String], enum: ORG_ROLES, default: ['Member'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ORG_ROLES.length)
  @IsIn(ORG_ROLES, { each: true })
  orgRoles?: OrgRole[];
}

export class OrganisationUserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ type: [String], enum: ORG_ROLES }) orgRoles!: OrgRole[];
}

export class OrganisationUserCreated extends OperationAccepted {
  @ApiProperty({ type: OrganisationUserView }) user!: OrganisationUserView;
}
