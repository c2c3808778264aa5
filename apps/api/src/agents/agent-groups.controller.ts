import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, PageQueryDto, pageWindow } from '@app/common';
import { AgentGroupsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgentGroupDto, CreateAgentGroupDto } from './dto/agent.dto';

@ApiTags('agents')
@Controller('agent-groups')
@Authenticated()
export class AgentGroupsController {
  constructor(private readonly groups: AgentGroupsService) {}

  @Get()
  @Roles('agent')
  @ApiOperation({ summary: "The tenant's agent groups by name, with how many agents each has" })
  @ApiPage(AgentGroupDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto) {
    return (await this.groups.list(auth, pageWindow(query))).map(AgentGroupDto.from);
  }

  @Post()
  @Roles('manager')
  @ApiOperation({
    summary: 'Create an agent group (a campaign or an inbound number names who takes its calls)',
    description:
      "Names are unique in the tenant whatever their case: one the tenant's groups already use is a 409.",
  })
  @ApiBody({ type: CreateAgentGroupDto, examples: { sales: { value: { name: 'Sales floor' } } } })
  @ApiEnvelope(AgentGroupDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.CONFLICT)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateAgentGroupDto) {
    return AgentGroupDto.from(await this.groups.create(auth, dto));
  }
}
