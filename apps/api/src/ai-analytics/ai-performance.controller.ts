import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ErrorCode } from '@app/common';
import { AiPerformanceService, ReportRanges } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AiPerformanceDto, AiPerformanceQueryDto } from './dto/ai-performance.dto';

@ApiTags('analytics')
@Controller('analytics')
@Authenticated()
export class AiPerformanceController {
  constructor(
    private readonly performance: AiPerformanceService,
    private readonly ranges: ReportRanges,
  ) {}

  @Get('ai-performance')
  @Roles('manager')
  @ApiOperation({
    summary: "The AI's record (seed 004): each agent's runs, and every model call by kind",
    description:
      'From ai_interactions (one row per model call) in the window date_from..date_to (both optional and inclusive; also from and to, as every report takes them; both spellings of a bound with different values: 400). agents: the live agents, and archived agents that ran in the window. A run is successful when its confidence is 0.5 or more. automation_rate: outbound messages the AI wrote / all outbound messages, of those created in the window that the provider took (sent, delivered or read).',
  })
  @ApiEnvelope(AiPerformanceDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async report(@CurrentAuth() auth: AuthContext, @Query() query: AiPerformanceQueryDto) {
    const period = await this.ranges.of(auth.tenantId, query);
    return AiPerformanceDto.from(await this.performance.report(auth, period));
  }
}
