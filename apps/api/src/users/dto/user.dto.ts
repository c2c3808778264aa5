import type { UserEntity } from '@app/db';
import { ROLES } from '@app/db';
import { ApiProperty } from '@nestjs/swagger';

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ example: 'ana@acme.example' }) email!: string;
  @ApiProperty({ type: String, example: 'ana', nullable: true }) username!: string | null;
  @ApiProperty({ example: 'Ana' }) first_name!: string;
  @ApiProperty({ example: 'Silva' }) last_name!: string;
  @ApiProperty({ type: String, example: '+14155551234', nullable: true }) phone!: string | null;
  @ApiProperty({ enum: ROLES, example: 'manager' }) role!: string;
  @ApiProperty({ example: true }) is_active!: boolean;
  @ApiProperty({ type: String, example: '2026-11-22T06:00:00.000Z', nullable: true }) last_login_at!:
    string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) updated_at!: string;

  static from(u: UserEntity): UserDto {
    return {
      id: u.id,
      tenant_id: u.tenantId,
      email: u.email,
      username: u.username,
      first_name: u.firstName,
      last_name: u.lastName,
      phone: u.phone,
      role: u.role,
      is_active: u.isActive,
      last_login_at: u.lastLoginAt?.toISOString() ?? null,
      created_at: u.createdAt.toISOString(),
      updated_at: u.updatedAt.toISOString(),
    };
  }
}
