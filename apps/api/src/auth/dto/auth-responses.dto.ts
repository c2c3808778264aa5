import type { ApiKeyEntity, Role, TenantEntity, UserEntity } from '@app/db';
import { ROLES } from '@app/db';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TenantRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Test Clinic' }) name!: string;
  @ApiProperty({ example: 'test-clinic' }) slug!: string;

  static from(t: TenantEntity): TenantRefDto {
    return { id: t.id, name: t.name, slug: t.slug };
  }
}

export class AuthUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ana@acme.example' }) email!: string;
  @ApiProperty({ type: String, example: 'ana', nullable: true }) username!: string | null;
  @ApiProperty({ enum: ROLES, example: 'admin' }) role!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ example: 'Acme Outreach' }) tenant_name!: string;
  @ApiProperty({ example: 'Ana' }) first_name!: string;
  @ApiProperty({ example: 'Silva' }) last_name!: string;
  @ApiProperty({ example: 'Ana Silva', description: "Seed 004's name: first and last name" }) name!: string;
  @ApiProperty({ example: 'Acme Outreach', description: "Seed 003's clinicName: the tenant's name" })
  clinic_name!: string;

  static from(u: UserEntity, tenant: TenantEntity): AuthUserDto {
    return {
      id: u.id,
      email: u.email,
      username: u.username,
      role: u.role,
      tenant_id: u.tenantId,
      tenant_name: tenant.name,
      first_name: u.firstName,
      last_name: u.lastName,
      name: [u.firstName, u.lastName].filter(Boolean).join(' '),
      clinic_name: tenant.name,
    };
  }
}

export class AuthResultDto {
  @ApiProperty({ description: 'Access token (JWT)', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...' })
  token!: string;
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...' }) refresh_token!: string;
  @ApiProperty({ example: 3600, description: 'Seconds until the access token expires' }) expires_in!: number;
  @ApiProperty({ type: AuthUserDto }) user!: AuthUserDto;
}

export class ApiKeyPrincipalDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CRM sync' }) name!: string;
  @ApiProperty({ example: 'rlk_AbCd1234' }) prefix!: string;
  @ApiProperty({
    enum: ROLES,
    description:
      "The role the key acts with: its own, or its maker's current role when that is lower (a key acts as no more than the user who made it)",
  })
  role!: string;

  static from(k: ApiKeyEntity, actingRole: Role): ApiKeyPrincipalDto {
    return { id: k.id, name: k.name, prefix: k.prefix, role: actingRole };
  }
}

export class MeDto {
  @ApiProperty({ enum: ['user', 'api_key'] }) principal_type!: 'user' | 'api_key';
  @ApiPropertyOptional({ type: AuthUserDto, nullable: true }) user!: AuthUserDto | null;
  @ApiPropertyOptional({ type: ApiKeyPrincipalDto, nullable: true }) api_key!: ApiKeyPrincipalDto | null;
  @ApiProperty({ type: TenantRefDto }) tenant!: TenantRefDto;
}

export class VerifyDto extends MeDto {
  @ApiProperty({ example: true }) valid!: boolean;
  @ApiPropertyOptional({
    type: String,
    example: '2026-11-22T07:00:00.000Z',
    nullable: true,
    description: 'When the access token expires',
  })
  expires_at!: string | null;
}

export class LogoutResultDto {
  @ApiProperty({ example: 'Successfully logged out' }) message!: string;
}
