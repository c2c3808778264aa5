import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, Clock, ErrorCode } from '@app/common';
import { AdminConfigService, HealthService, LlmHealthService } from '@app/domain';
import { JobProducer, QueueAdminService } from '@app/queues';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminConfigDto, UpdateAdminConfigDto } from './dto/admin-config.dto';
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
    private readonly config: AdminConfigService,
    private readonly llmHealth: LlmHealthService,
  ) {}

  @Get('config')
  @ApiOperation({
    summary:
      'The tenant’s configuration: LLM provider, channels, lead-scoring parameters, AI switches (seed 002)',
  })
  @ApiEnvelope(AdminConfigDto)
  async viewConfig(@CurrentAuth() auth: AuthContext): Promise<AdminConfigDto> {
    return AdminConfigDto.from(await this.config.view(auth.tenantId));
  }

  @Patch('config')
  @ApiOperation({
    summary: 'Change the lead-scoring parameters and AI switches (seed 002)',
    description:
      'Merged key by key into the tenant’s settings; the next classification scores with them. The LLM provider and the channels keep their own routes (PATCH llm/providers, PUT config/channels/:channel). A bad value is 400 and nothing changes.',
  })
  @ApiBody({
    type: UpdateAdminConfigDto,
    examples: {
      threshold: { value: { scoring: { qualified_threshold: 60, intent: { question: 65 } } } },
      autoReply: { value: { ai: { auto_reply: true } } },
    },
  })
  @ApiEnvelope(AdminConfigDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async updateConfig(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: UpdateAdminConfigDto,
  ): Promise<AdminConfigDto> {
    return AdminConfigDto.from(await this.config.update(auth, dto));
  }

  @Get('health')
  @ApiOperation({
    summary: "Health of every component, with latencies, and the tenant's LLM (seed 002)",
    description:
      "Checks Postgres, Redis and the queues, and asks the tenant's LLM provider for its model list (GET …/models: " +
      'no tokens spent; the local provider is always online), each within 2 s. `status` is degraded when any of them, ' +
      'the LLM included, is offline; `llm.error` says why the LLM is (auth: the key was refused).',
  })
  @ApiEnvelope(AdminHealthDto)
  async adminHealth(@CurrentAuth() auth: AuthContext): Promise<AdminHealthDto> {
    const [report, llm] = await Promise.all([this.health.check(), this.llmHealth.check(auth.tenantId)]);
    return {
      status: report.ready && llm.connectivity === 'online' ? 'ok' : 'degraded',
      checks: report.checks,
      latency_ms: report.latency_ms,
      llm,
      uptime_seconds: this.health.uptimeSeconds(this.clock.now()),
      started_at: this.health.startedAt.toISOString(),
    };
  }

  @Get('queues')
  @ApiOperation({
    summary: "This tenant's jobs: counts per state for every queue, and its failed jobs",
    description:
      "The queues are shared by every tenant: only this tenant's jobs are counted, never another tenant's activity.",
  })
  @ApiEnvelope(QueuesOverviewDto)
  async overview(@CurrentAuth() auth: AuthContext): Promise<QueuesOverviewDto> {
    const [queues, failed] = await Promise.all([
      this.queues.counts(auth.tenantId),
      this.queues.failed(auth.tenantId),
    ]);
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
