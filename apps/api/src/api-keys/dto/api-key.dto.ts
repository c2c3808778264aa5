import { CharLength, Trimmed } from '@app/common';
import type { ApiKeyView } from '@app/domain';
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
  @ApiProperty({ enum: ROLES, example: 'manager', description: 'The role it was made with' }) role!: string;
  @ApiProperty({
    enum: ROLES,
    example: 'manager',
    nullable: true,
    description:
      'What it may do now: its role capped at its maker’s current role; null while its maker is deactivated (it is refused) or once it is revoked',
  })
  effective_role!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) created_by_id!: string | null;
  @ApiProperty({ type: String, example: '2026-11-22T06:00:00.000Z', nullable: true }) last_used_at!:
    string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) revoked_at!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;

  static from({ entity: k, effectiveRole }: ApiKeyView): ApiKeyDto {
    return {
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      role: k.role,
      effective_role: effectiveRole,
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
