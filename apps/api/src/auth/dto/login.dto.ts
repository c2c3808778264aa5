import { CharLength, MaxChars, Optional, Trimmed } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, ValidateIf } from 'class-validator';

export class LoginDto {
  @ApiPropertyOptional({ example: 'ana@acme.example', description: 'Email, or username with tenant' })
  @Trimmed()
  @ValidateIf((o: LoginDto) => o.username === undefined)
  @MaxChars(320)
  @IsEmail({}, { message: 'must be an email (or send username and tenant)' })
  email?: string;

  @ApiPropertyOptional({ example: 'demo' })
  @Optional()
  @Trimmed()
  @IsString()
  @CharLength(1, 100)
  username?: string;

  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @CharLength(1, 128) password!: string;

  @ApiPropertyOptional({
    example: 'test-clinic',
    description: "The tenant's slug or name (seed 003 clinicName)",
  })
  @ValidateIf((o: LoginDto) => o.username !== undefined || o.tenant !== undefined)
  @CharLength(1, 200)
  @IsString({
    message: ({ value }) =>
      value === undefined || value === null
        ? 'is required with username'
        : "must be the tenant's slug or name",
  })
  tenant?: string;
}
