import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, PageQueryDto, pageWindow, UuidPipe } from '@app/common';
import { WorkflowsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { WorkflowRunDto } from './dto/workflow-run.dto';
import { CreateWorkflowDto, UpdateWorkflowDto, WorkflowDto } from './dto/workflow.dto';

const INVALID_DEFINITION = {
  code: ErrorCode.VALIDATION_ERROR,
  when: 'a bad field, or a graph that does not hold together (duplicate node ids, an edge to no node, not exactly one trigger, a cycle, an unknown node type); `details` names each field',
} as const;
const NOT_RUNNABLE = {
  code: ErrorCode.VALIDATION_ERROR,
  when: 'the workflow cannot run yet (no trigger event, a node without its settings, two paths out of a node, a campaign or user not of this tenant); `details` names each field',
} as const;

/** Workflows (seed 000): managers and admins write them, as they do campaigns; agents read them. */
@ApiTags('workflows')
@Controller('workflows')
@Authenticated()
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Get()
  @Roles('agent')
  @ApiOperation({ summary: "The tenant's workflows, newest first" })
  @ApiPage(WorkflowDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto) {
    return (await this.workflows.list(auth, pageWindow(query))).map(WorkflowDto.from);
  }

  @Post()
  @Roles('manager')
  @ApiOperation({
    summary: 'Save a workflow (a draft: inactive until activated)',
    description:
      "Seed 000's body `{ name, nodes, edges }`. A draft's node settings may be incomplete; activation checks them.",
  })
  @ApiEnvelope(WorkflowDto, { status: 201 })
  @ApiErrors(INVALID_DEFINITION)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateWorkflowDto) {
    return WorkflowDto.from(await this.workflows.create(auth, { ...dto, edges: dto.edges ?? [] }));
  }

  @Get(':id')
  @Roles('agent')
  @ApiOperation({ summary: 'One workflow with its nodes and edges' })
  @ApiEnvelope(WorkflowDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async get(@CurrentAuth() auth: AuthContext, @Param('id', new UuidPipe('Workflow')) id: string) {
    return WorkflowDto.from(await this.workflows.get(auth, id));
  }

  @Put(':id')
  @Roles('manager')
  @ApiOperation({
    summary: 'Change a workflow (the fields sent replace the saved ones)',
    description:
      'An active workflow must stay runnable. Runs under way follow the saved definition at each step.',
  })
  @ApiEnvelope(WorkflowDto)
  @ApiErrors(INVALID_DEFINITION, ErrorCode.NOT_FOUND)
  async update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new UuidPipe('Workflow')) id: string,
    @Body() dto: UpdateWorkflowDto,
  ) {
    return WorkflowDto.from(await this.workflows.update(auth, id, dto));
  }

  @Delete(':id')
  @Roles('manager')
  @ApiOperation({ summary: 'Delete a workflow and its runs; a run waiting in it ends at its next step' })
  @ApiEnvelope(WorkflowDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async remove(@CurrentAuth() auth: AuthContext, @Param('id', new UuidPipe('Workflow')) id: string) {
    return WorkflowDto.from(await this.workflows.remove(auth, id));
  }

  @Post(':id/activate')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({
    summary: 'Activate: each new event of its trigger starts a run (an active one is answered as it is)',
  })
  @ApiEnvelope(WorkflowDto)
  @ApiErrors(NOT_RUNNABLE, ErrorCode.NOT_FOUND)
  async activate(@CurrentAuth() auth: AuthContext, @Param('id', new UuidPipe('Workflow')) id: string) {
    return WorkflowDto.from(await this.workflows.activate(auth, id));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({
    summary: 'Deactivate: no new run starts; runs under way (waiting ones too) end stopped at once',
  })
  @ApiEnvelope(WorkflowDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async deactivate(@CurrentAuth() auth: AuthContext, @Param('id', new UuidPipe('Workflow')) id: string) {
    return WorkflowDto.from(await this.workflows.deactivate(auth, id));
  }

  @Get(':id/runs')
  @Roles('agent')
  @ApiOperation({
    summary: "A workflow's runs, newest first, each with its path (the nodes visited) and outcome",
  })
  @ApiPage(WorkflowRunDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async runs(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new UuidPipe('Workflow')) id: string,
    @Query() query: PageQueryDto,
  ) {
    return (await this.workflows.listRuns(auth, id, pageWindow(query))).map(WorkflowRunDto.from);
  }
}
