import { CharLength, Trimmed } from '@app/common';
import type { ApiKeyEntity } from '@app/db';
import { readRole, ROLES, Role } from '@app/db';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString } from 'class-validator';

const ROLES_MESSAGE = `role must be one of ${ROLES.join(', ')} (or the seeds' Admin, Manager, SalesRep)`;

export class CreateApiKeyDto {
  @ApiProperty({ example: 'CRM sync' }) @Trimmed() @IsString() @CharLength(1, 100) name!: string;
  @ApiProperty({
    enum: ROLES,
    example: 'manager',
    description: 'What the key may do, as a user of this role',
  })
  @Transform(({ value }) => readRole(value))
  @IsIn(ROLES, { message: ROLES_MESSAGE })
  role!: Role;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CRM sync' }) name!: string;
  @ApiProperty({ example: 'rlk_AbCd1234', description: 'The first characters of the key, to recognise it' })
  prefix!: string;
  @ApiProperty({ enum: ROLES, example: 'manager' }) role!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) created_by_id!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z', nullable: true }) last_used_at!: string | null;
  @ApiProperty({ example: null, nullable: true }) revoked_at!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;

  static from(k: ApiKeyEntity): ApiKeyDto {
    return {
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      role: k.role,
      created_by_id: k.createdById,
      last_used_at: k.lastUsedAt?.toISOString() ?? null,
      revoked_at: k.revokedAt?.toISOString() ?? null,
      created_at: k.createdAt.toISOString(),
    };
  }
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    example: 'rlk_AbCd1234_0123456789abcdefghijABCDEFGHIJ0123456789',
    description: 'The whole key. Shown this once: store it now.',
  })
  key!: string;
}
