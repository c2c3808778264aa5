import { MaxChars, Optional } from '@app/common';
import type { TestPromptInput, TestPromptResult } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class TestPromptDto {
  @ApiProperty({
    example: 'Write a one-line greeting for a dental clinic.',
    maxLength: 20_000,
    description: 'Sent as it is; not blank',
  })
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxChars(20_000)
  prompt!: string;

  @ApiPropertyOptional({
    type: String,
    example: 'You are a concise assistant.',
    nullable: true,
    maxLength: 20_000,
  })
  @IsOptional()
  @IsString()
  @MaxChars(20_000)
  system?: string | null;

  @ApiPropertyOptional({ example: 0.2, description: '0-2' })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(2)
  temperature?: number;

  @ApiPropertyOptional({ example: 200, description: 'Alias maxTokens: 1-32000' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(32_000)
  max_tokens?: number;

  static input(dto: TestPromptDto): TestPromptInput {
    return {
      prompt: dto.prompt,
      system: dto.system,
      temperature: dto.temperature,
      max_tokens: dto.max_tokens,
    };
  }
}

export class TestPromptUsageDto {
  @ApiProperty({ example: 24 }) input_tokens!: number;
  @ApiProperty({ example: 12 }) output_tokens!: number;
  @ApiProperty({ example: 0.0000108, description: 'USD' }) total_cost!: number;
}

export class TestPromptResultDto {
  @ApiProperty({ example: 'Hello from Bright Smile Dental, where your smile comes first!' })
  response!: string;
  @ApiProperty({ enum: ['local', 'openai'], example: 'openai' }) provider!: string;
  @ApiProperty({ example: 'gpt-4o-mini' }) model!: string;
  @ApiProperty({ type: TestPromptUsageDto }) usage!: TestPromptUsageDto;
  @ApiProperty({ example: 640 }) latency_ms!: number;
  @ApiProperty({ format: 'uuid', description: 'The ai_interactions row of this call' })
  interaction_id!: string;

  static from(result: TestPromptResult): TestPromptResultDto {
    return { ...result, usage: { ...result.usage } };
  }
}
