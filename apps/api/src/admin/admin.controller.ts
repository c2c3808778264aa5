import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, Clock, ErrorCode } from '@app/common';
import { HealthService } from '@app/domain';
import { JobProducer, QueueAdminService } from '@app/queues';
import type { AuthContext } from '@app/tenancy';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminHealthDto, EnqueuedDto, FailedJobDto, QueuesOverviewDto } from './dto/admin.dto';

@ApiTags('admin')
@Controller('admin')
@Authenticated()
@Roles('admin')
export class AdminController {
  constructor(
    private readonly health: HealthService,
    private readonly queues: QueueAdminService,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Health of every component, with latencies (seed 002)' })
  @ApiEnvelope(AdminHealthDto)
  async adminHealth(): Promise<AdminHealthDto> {
    const report = await this.health.check();
    return {
      status: report.ready ? 'ok' : 'degraded',
      checks: report.checks,
      latency_ms: report.latency_ms,
      uptime_seconds: this.health.uptimeSeconds(this.clock.now()),
      started_at: this.health.startedAt.toISOString(),
    };
  }

  @Get('queues')
  @ApiOperation({ summary: "Job counts per state for every queue, and this tenant's failed jobs" })
  @ApiEnvelope(QueuesOverviewDto)
  async overview(@CurrentAuth() auth: AuthContext): Promise<QueuesOverviewDto> {
    const [queues, failed] = await Promise.all([this.queues.counts(), this.queues.failed(auth.tenantId)]);
    return { queues, failed_jobs: failed };
  }

  @Post('queues/ping')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a ping through the queue to a worker',
    description:
      'A worker answers with a `system:pong` socket.io event to your tenant room: the whole live pipeline, end to end.',
  })
  @ApiEnvelope(EnqueuedDto, { status: 202 })
  async ping(@CurrentAuth() auth: AuthContext): Promise<EnqueuedDto> {
    const jobId = await this.producer.enqueue('system.ping', {
      tenant_id: auth.tenantId,
      requested_by: auth.userId,
      requested_at: this.clock.now().toISOString(),
    });
    return { job_id: jobId, status: 'queued' };
  }

  @Post('queues/:queue/jobs/:id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: "Retry one of this tenant's failed jobs" })
  @ApiEnvelope(FailedJobDto, { status: 202 })
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  retry(@CurrentAuth() auth: AuthContext, @Param('queue') queue: string, @Param('id') id: string) {
    return this.queues.retry(auth.tenantId, queue, id);
  }
}
