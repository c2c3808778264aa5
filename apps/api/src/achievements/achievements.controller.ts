import { Authenticated, CurrentAuth } from '@app/auth';
import { ApiEnvelope, ApiErrors, ErrorCode } from '@app/common';
import { AchievementsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AchievementQueryDto, AchievementsDto } from './dto/achievement.dto';

@ApiTags('achievements')
@Controller('achievements')
@Authenticated()
export class AchievementsController {
  constructor(private readonly achievements: AchievementsService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's achievements, or another user's of the tenant",
    description:
      'Every achievement of the catalogue with the user’s progress (an unlocked one shows its target reached) and ' +
      'their totals. What the user did counts from what the platform records: the leads they own that are ' +
      'qualified, the messages they wrote that were sent (and those answering a lead who wrote first), the ' +
      'campaigns they created that went live, the calls connected to them. An achievement unlocks once, with a ' +
      '`system` notification to the user.',
  })
  @ApiEnvelope(AchievementsDto)
  @ApiErrors(
    ErrorCode.VALIDATION_ERROR,
    {
      code: ErrorCode.AUTHORIZATION_FAILED,
      when: 'an agent naming another user, or an API key naming no user',
    },
    { code: ErrorCode.NOT_FOUND, when: 'user_id is no user of the tenant' },
  )
  async list(
    @CurrentAuth() auth: AuthContext,
    @Query() query: AchievementQueryDto,
  ): Promise<AchievementsDto> {
    return AchievementsDto.from(await this.achievements.standing(auth, query.user_id));
  }
}
