import { ACHIEVEMENT_RARITIES } from '@app/db';
import type { AchievementRow, AchievementsStanding } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class AchievementQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: '0b9c5e0e-2f1d-4a57-8f3e-6d2a1c9b7e41',
    description:
      'Another user of the tenant whose achievements to show (admins and managers; an agent may name only themselves). Also userId',
  })
  @IsOptional()
  @IsUUID()
  user_id?: string;
}

export class AchievementProgressDto {
  @ApiProperty({ example: 1, description: 'What the user counts so far, up to the target' }) current!: number;
  @ApiProperty({ example: 10 }) target!: number;
  @ApiProperty({ example: 10, minimum: 0, maximum: 100, description: 'current / target, in whole percent' })
  percentage!: number;
}

export class AchievementDto {
  @ApiProperty({ format: 'uuid', example: '7c0a1e52-4d3b-4f6a-9b1e-000000000001' }) id!: string;
  @ApiProperty({ example: 'first_qualified_lead', description: 'Stable name of the achievement' })
  key!: string;
  @ApiProperty({ example: 'First Qualified Lead' }) title!: string;
  @ApiProperty({ example: 'A lead you own was qualified' }) description!: string;
  @ApiProperty({ example: 'sales', enum: ['sales', 'campaigns', 'messaging', 'calls'] }) category!: string;
  @ApiProperty({ enum: ACHIEVEMENT_RARITIES, example: 'common' }) rarity!: string;
  @ApiProperty({ example: 10, description: 'Earned when unlocked' }) points!: number;
  @ApiProperty({ example: true }) unlocked!: boolean;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z', nullable: true, type: String }) unlocked_at!:
    string | null;
  @ApiProperty({ type: AchievementProgressDto }) progress!: AchievementProgressDto;

  static from(a: AchievementRow): AchievementDto {
    return {
      id: a.id,
      key: a.key,
      title: a.title,
      description: a.description,
      category: a.category,
      rarity: a.rarity,
      points: a.points,
      unlocked: !!a.unlocked_at,
      unlocked_at: a.unlocked_at?.toISOString() ?? null,
      progress: {
        current: a.current,
        target: a.target,
        percentage: Math.floor((a.current * 100) / a.target),
      },
    };
  }
}

export class AchievementTotalsDto {
  @ApiProperty({ example: 1 }) total_unlocked!: number;
  @ApiProperty({ example: 10, description: 'Achievements in the catalogue' }) total_available!: number;
  @ApiProperty({ example: 10, description: 'The points of the unlocked achievements' }) points!: number;
}

export class AchievementsDto {
  @ApiProperty({ type: AchievementDto, isArray: true, description: 'The whole catalogue, in its order' })
  achievements!: AchievementDto[];
  @ApiProperty({ type: AchievementTotalsDto }) progress!: AchievementTotalsDto;

  static from(s: AchievementsStanding): AchievementsDto {
    return {
      achievements: s.achievements.map(AchievementDto.from),
      progress: { total_unlocked: s.total_unlocked, total_available: s.total_available, points: s.points },
    };
  }
}
