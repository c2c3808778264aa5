import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { AgentStatusService, AgentsService, ReportRanges } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { agentInput, AgentStatusDto, CreateAgentDto, UpdateAgentDto } from './dto/agent-input.dto';
import { AgentQueryDto, AgentStatsQueryDto } from './dto/agent-query.dto';
import { AgentDto, AgentStatsDto } from './dto/agent.dto';

const agentId = new UuidPipe('Agent');

@ApiTags('agents')
@Controller('agents')
@Authenticated()
export class AgentsController {
  constructor(
    private readonly agents: AgentsService,
    private readonly status: AgentStatusService,
    private readonly ranges: ReportRanges,
  ) {}

  @Get()
  @Roles('agent')
  @ApiOperation({
    summary: "The tenant's agents by name, filtered by status, group and active flag (seed 001)",
  })
  @ApiPage(AgentDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: AgentQueryDto) {
    const { status, agent_group_id, is_active } = query;
    return (await this.agents.list(auth, pageWindow(query), { status, agent_group_id, is_active })).map(
      AgentDto.from,
    );
  }

  @Post()
  @Roles('manager')
  @ApiOperation({
    summary: 'Create an agent (seed 001), offline until they go available',
    description:
      'The phone is stored E.164. With user_id the agent is that user of the tenant (their name and email unless sent); one agent per user (409).',
  })
  @ApiBody({
    type: CreateAgentDto,
    examples: {
      seed001: {
        value: {
          name: 'John Doe',
          phone: '+14155553333',
          email: 'john@example.com',
          agent_group_id: '0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f',
          max_concurrent_calls: 2,
          working_hours: { monday: { start: '09:00', end: '17:00' } },
        },
      },
      nightShift: {
        value: {
          name: 'Nia Night',
          phone: '+14155553334',
          timezone: 'America/New_York',
          workingHours: { friday: { start: '22:00', end: '06:00' } },
        },
      },
    },
  })
  @ApiEnvelope(AgentDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.CONFLICT)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateAgentDto) {
    return AgentDto.from(await this.agents.create(auth, agentInput(dto)));
  }

  @Get(':id')
  @Roles('agent')
  @ApiOperation({ summary: 'One agent' })
  @ApiEnvelope(AgentDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async get(@CurrentAuth() auth: AuthContext, @Param('id', agentId) id: string) {
    return AgentDto.from(await this.agents.get(auth, id));
  }

  @Patch(':id')
  @Roles('manager')
  @ApiOperation({
    summary: "Change an agent's fields",
    description:
      'The fields sent change; null clears a field that may be empty. is_active false, or a user_id of a deactivated user, takes an agent who is not offline offline (they stay offline until reactivated). The status changes through PUT agents/:id/status.',
  })
  @ApiEnvelope(AgentDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', agentId) id: string,
    @Body() dto: UpdateAgentDto,
  ) {
    return AgentDto.from(await this.agents.update(auth, id, agentInput(dto)));
  }

  @Put(':id/status')
  @Roles('agent')
  @ApiOperation({
    summary: "Set an agent's status: available, busy, offline, break (seed 001)",
    description:
      "A manager sets any agent's; an agent-role user only their own (403). An inactive agent, or one whose user is deactivated, stays offline: any other status is a 409 (is_active, user_id). available needs an agent holding no call (409) inside their working hours, in their timezone else the tenant's (422, rule working_hours). Raises agent:status:updated and tells the dialer.",
  })
  @ApiBody({ type: AgentStatusDto, examples: { available: { value: { status: 'available' } } } })
  @ApiEnvelope(AgentDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.POLICY_VIOLATION)
  async setStatus(
    @CurrentAuth() auth: AuthContext,
    @Param('id', agentId) id: string,
    @Body() dto: AgentStatusDto,
  ) {
    return AgentDto.from(await this.status.set(auth, id, dto.status));
  }

  @Get(':id/stats')
  @Roles('agent')
  @ApiOperation({
    summary: "An agent's call statistics over a date range (seed 001)",
    description:
      "Counts the agent's dialer, inbound and manual calls that started in the window date_from..date_to, or from..to (both ends inclusive; both spellings of a bound with different values: 400; a bare date covers its whole day in the tenant's time zone); a preview offer they have not dialed is no call yet. An agent-role user reads only their own (403).",
  })
  @ApiEnvelope(AgentStatsDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async stats(
    @CurrentAuth() auth: AuthContext,
    @Param('id', agentId) id: string,
    @Query() query: AgentStatsQueryDto,
  ) {
    const range = await this.ranges.of(auth.tenantId, query);
    return AgentStatsDto.from(await this.agents.stats(auth, id, range));
  }
}
