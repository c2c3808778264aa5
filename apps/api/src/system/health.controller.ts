import { Probe } from '@app/auth';
import { ApiEnvelope, ApiErrors, AppError, Clock, ErrorCode } from '@app/common';
import { HealthService } from '@app/domain';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LivenessDto, ReadinessDto } from './dto/system.dto';

@ApiTags('health')
@Controller('health')
@Probe()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiEnvelope(LivenessDto)
  live(): LivenessDto {
    return { status: 'ok', uptime_seconds: this.health.uptimeSeconds(this.clock.now()) };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Postgres, Redis and the queues answer (503 when one does not)' })
  @ApiEnvelope(ReadinessDto)
  @ApiErrors(ErrorCode.SERVICE_UNAVAILABLE)
  async ready(): Promise<ReadinessDto> {
    const report = await this.health.check();
    if (!report.ready) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'Not ready', report.checks);
    return { status: 'ready', checks: report.checks, latency_ms: report.latency_ms };
  }
}
