import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';

export class LoginDto {
  @ApiPropertyOptional({ example: 'ana@acme.example', description: 'Email, or username with tenant' })
  @ValidateIf((o: LoginDto) => o.username === undefined)
  @IsEmail({}, { message: 'must be an email (or send username and tenant)' })
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ example: 'demo' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  username?: string;

  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @Length(1, 128) password!: string;

  @ApiPropertyOptional({
    example: 'test-clinic',
    description: "The tenant's slug or name (seed 003 clinicName)",
  })
  @ValidateIf((o: LoginDto) => o.username !== undefined || o.tenant !== undefined)
  @IsString({ message: 'is required with username' })
  @Length(1, 200)
  tenant?: string;
}
