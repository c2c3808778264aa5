import { CharLength, MaxChars, Optional, Trimmed } from '@app/common';
import { readRole, ROLES, Role } from '@app/db';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, IsUUID, Matches } from 'class-validator';

const ROLES_MESSAGE = `role must be one of ${ROLES.join(', ')} (or the seeds' Admin, Manager, SalesRep)`;

export class RegisterDto {
  @ApiProperty({ example: 'ana@acme.example' })
  @Trimmed()
  @IsEmail()
  @MaxChars(320)
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: 8, maxLength: 128 })
  @IsString()
  @CharLength(8, 128)
  @Matches(/\S/, { message: 'must not be only spaces' })
  password!: string;

  @ApiProperty({ example: 'Ana' }) @Trimmed() @IsString() @CharLength(1, 100) first_name!: string;
  @ApiProperty({ example: 'Silva' }) @Trimmed() @IsString() @CharLength(1, 100) last_name!: string;

  @ApiPropertyOptional({ example: '+14155551234' }) @Optional() @IsString() @MaxChars(32) phone?: string;

  @ApiPropertyOptional({
    example: 'ana',
    description: 'Unique within the tenant; lets the user log in by username',
  })
  @Optional()
  @Matches(/^[A-Za-z0-9._-]{3,100}$/, {
    message: 'must be 3-100 letters, digits, dots, dashes or underscores',
  })
  username?: string;

  @ApiPropertyOptional({
    example: 'Acme Outreach',
    description: 'Creates a new tenant with this name (no token needed)',
  })
  @Optional()
  @Trimmed()
  @IsString()
  @CharLength(2, 200)
  tenant_name?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Join this tenant: needs that tenant's admin token" })
  @Optional()
  @IsUUID()
  tenant_id?: string;

  @ApiPropertyOptional({
    enum: ROLES,
    description: "Role in the joined tenant: needs that tenant's admin token",
  })
  @Optional()
  @Transform(({ value }) => readRole(value))
  @IsIn(ROLES, { message: ROLES_MESSAGE })
  role?: Role;
}
