import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { AiAgentRunner, AiAgentsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AiAgentExecutionDto, ExecuteAiAgentDto } from './dto/ai-agent-execute.dto';
import { AiAgentQueryDto, CreateAiAgentDto, UpdateAiAgentDto } from './dto/ai-agent-input.dto';
import { AiAgentDto } from './dto/ai-agent.dto';

const agentId = new UuidPipe('AI agent');

@ApiTags('ai-agents')
@Controller('ai-agents')
@Authenticated()
export class AiAgentsController {
  constructor(
    private readonly agents: AiAgentsService,
    private readonly runner: AiAgentRunner,
  ) {}

  @Get()
  @Roles('agent')
  @ApiOperation({
    summary: "The tenant's AI agents by name, with their run record (seed 004's GET /api/agents)",
    description: 'Archived agents are not listed. performance counts every run of the agent.',
  })
  @ApiPage(AiAgentDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: AiAgentQueryDto) {
    const { status, type } = query;
    return (await this.agents.list(auth, pageWindow(query), { status, type })).map(AiAgentDto.from);
  }

  @Post()
  @Roles('manager')
  @ApiOperation({
    summary: 'Create an AI agent (seed 004)',
    description:
      'A live agent with the same name (any case) is a 409. config also takes systemPrompt and maxTokens.',
  })
  @ApiBody({
    type: CreateAiAgentDto,
    examples: {
      seed004: {
        value: {
          name: 'Customer Support Bot',
          type: 'support',
          capabilities: ['faq-answers', 'ticket-routing'],
          config: {
            model: 'gpt-3.5-turbo',
            temperature: 0.5,
            systemPrompt: 'You are a helpful customer support assistant...',
          },
        },
      },
      sales: {
        value: {
          name: 'Sales Assistant',
          type: 'sales',
          capabilities: ['lead-qualification', 'appointment-scheduling'],
          config: { temperature: 0.7, max_tokens: 1000 },
        },
      },
    },
  })
  @ApiEnvelope(AiAgentDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.CONFLICT)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateAiAgentDto) {
    return AiAgentDto.from(await this.agents.create(auth, CreateAiAgentDto.input(dto)));
  }

  @Get(':id')
  @Roles('agent')
  @ApiOperation({ summary: 'One AI agent with its run record' })
  @ApiEnvelope(AiAgentDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async get(@CurrentAuth() auth: AuthContext, @Param('id', agentId) id: string) {
    return AiAgentDto.from(await this.agents.get(auth, id));
  }

  @Patch(':id')
  @Roles('manager')
  @ApiOperation({
    summary: "Change an AI agent's fields",
    description: 'The fields sent change; config keys merge into the stored config (null clears one).',
  })
  @ApiEnvelope(AiAgentDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', agentId) id: string,
    @Body() dto: UpdateAiAgentDto,
  ) {
    return AiAgentDto.from(await this.agents.update(auth, id, UpdateAiAgentDto.input(dto)));
  }

  @Delete(':id')
  @Roles('manager')
  @ApiOperation({
    summary: 'Archive an AI agent',
    description: 'It no longer lists, reads or runs (404); its runs stay in analytics/ai-performance.',
  })
  @ApiEnvelope(AiAgentDto, { description: 'The archived agent' })
  @ApiErrors(ErrorCode.NOT_FOUND)
  async archive(@CurrentAuth() auth: AuthContext, @Param('id', agentId) id: string) {
    return AiAgentDto.from(await this.agents.archive(auth, id));
  }

  @Post(':id/execute')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({
    summary: 'Run an AI agent on a message, optionally about a lead (seed 004)',
    description:
      "Raises agent.status (processing, then completed or failed) to the tenant's sockets and records the run in ai_interactions. An inactive agent is a 409; a lead of another tenant a 404; a failure of the LLM provider a 503 (recorded as a failed run).",
  })
  @ApiBody({
    type: ExecuteAiAgentDto,
    examples: {
      seed004: {
        value: {
          input: {
            leadId: '0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f',
            message: 'I need help with pricing',
            context: { previous_interactions: 3, lead_value: 5000 },
          },
        },
      },
      sdk: {
        value: { input: 'Qualify this lead', context: { leadId: '0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f' } },
      },
    },
  })
  @ApiEnvelope(AiAgentExecutionDto)
  @ApiErrors(
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.NOT_FOUND,
    ErrorCode.CONFLICT,
    ErrorCode.SERVICE_UNAVAILABLE,
  )
  async execute(
    @CurrentAuth() auth: AuthContext,
    @Param('id', agentId) id: string,
    @Body() dto: ExecuteAiAgentDto,
  ) {
    return AiAgentExecutionDto.from(await this.runner.execute(auth, id, ExecuteAiAgentDto.input(dto)));
  }
}
