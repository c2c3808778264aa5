import { CharLength, MaxChars, Optional, PageQueryDto, QueryBoolean, Trimmed } from '@app/common';
import { readRole, ROLES, Role } from '@app/db';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches } from 'class-validator';

const ROLES_MESSAGE = `role must be one of ${ROLES.join(', ')} (or the seeds' Admin, Manager, SalesRep)`;

const USERNAME = /^[A-Za-z0-9._-]{3,100}$/;
const USERNAME_MESSAGE = 'must be 3-100 letters, digits, dots, dashes or underscores';

export class CreateUserDto {
  @ApiProperty({ example: 'sam@acme.example' }) @Trimmed() @IsEmail() @MaxChars(320) email!: string;
  @ApiProperty({ example: 'a long passphrase', minLength: 8 })
  @IsString()
  @CharLength(8, 128)
  @Matches(/\S/, { message: 'must not be only spaces' })
  password!: string;
  @ApiProperty({ example: 'Sam' }) @Trimmed() @IsString() @CharLength(1, 100) first_name!: string;
  @ApiProperty({ example: 'Lee' }) @Trimmed() @IsString() @CharLength(1, 100) last_name!: string;
  @ApiProperty({ enum: ROLES, example: 'agent' })
  @Transform(({ value }) => readRole(value))
  @IsIn(ROLES, { message: ROLES_MESSAGE })
  role!: Role;
  @ApiPropertyOptional({ example: 'sam' })
  @Optional()
  @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username?: string;
  @ApiPropertyOptional({ example: '+14155550100' }) @Optional() @IsString() @MaxChars(32) phone?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Sam' })
  @Optional()
  @Trimmed()
  @IsString()
  @CharLength(1, 100)
  first_name?: string;
  @ApiPropertyOptional({ example: 'Lee' })
  @Optional()
  @Trimmed()
  @IsString()
  @CharLength(1, 100)
  last_name?: string;
  @ApiPropertyOptional({ example: 'sam', nullable: true })
  @IsOptional()
  @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username?: string;
  @ApiPropertyOptional({ example: '+14155550100' }) @IsOptional() @IsString() @MaxChars(32) phone?: string;
  @ApiPropertyOptional({ enum: ROLES, example: 'manager' })
  @Optional()
  @Transform(({ value }) => readRole(value))
  @IsIn(ROLES, { message: ROLES_MESSAGE })
  role?: Role;
  @ApiPropertyOptional({ example: true }) @Optional() @IsBoolean() is_active?: boolean;
  @ApiPropertyOptional({
    minLength: 8,
    example: 'a new long passphrase',
    description: "Sets a new password; the user's existing tokens stop working",
  })
  @Optional()
  @IsString()
  @CharLength(8, 128)
  @Matches(/\S/, { message: 'must not be only spaces' })
  password?: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @Transform(({ value }) => readRole(value))
  @IsIn(ROLES, { message: ROLES_MESSAGE })
  role?: Role;
  @ApiPropertyOptional({ example: true, description: 'true or false, in any case' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  is_active?: boolean;
  @ApiPropertyOptional({ example: 'ana', description: 'Matches email, username or name' })
  @IsOptional()
  @IsString()
  @CharLength(1, 100)
  search?: string;
}
