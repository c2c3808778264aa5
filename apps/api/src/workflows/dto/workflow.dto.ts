import { CharLength, MaxChars, Optional, Trimmed } from '@app/common';
import { WORKFLOW_TRIGGERS } from '@app/db';
import type { WorkflowEdge, WorkflowEntity, WorkflowNode, WorkflowTrigger } from '@app/db';
import { MAX_EDGES, MAX_NODES, NODE_TYPES } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString } from 'class-validator';

const NODES_EXAMPLE = [
  { id: '1', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
  {
    id: '2',
    type: 'send_message',
    position: { x: 0, y: 120 },
    data: { channel: 'sms', body: 'Hi {{first_name}}, thanks for your interest!' },
  },
];
const EDGES_EXAMPLE = [{ id: 'e1-2', source: '1', target: '2' }];

const NODES_DOC =
  `React Flow nodes \`{ id, type, position: { x, y }, data }\` (other React Flow fields are kept as sent). Types: ` +
  `${NODE_TYPES.join(', ')}. Exactly one \`trigger\`; ids unique; no cycle. Each type's \`data\`, checked at ` +
  'activation: trigger `{ event }`; condition `{ field: status | tags | score | classification | country, ' +
  'operator: equals | not_equals | in | not_in | contains | not_contains | gt | gte | lt | lte, value }` (its edges ' +
  'leave from its `true` or `false` handle); wait `{ delay: { value, unit: minutes | hours | days } }` or ' +
  '`{ delay_minutes }`; send_message `{ channel: sms | whatsapp | email | telegram, body, subject? }` (body with ' +
  '`{{first_name}}`-style placeholders; `content`, as campaign steps name their text, is taken for `body`: both ' +
  'given must be equal); update_lead `{ status?, add_tags?, remove_tags?, owner_id? }`; ' +
  'add_to_campaign `{ campaign_id }`; notify `{ title, message?, user_ids? }` (default: the admins and managers).';
const EDGES_DOC =
  'React Flow edges `{ id, source, target, sourceHandle? }` between nodes of this workflow; a run follows one path, ' +
  'so each node has at most one outgoing edge (a condition one out of each of its `true` and `false` handles).';

export class CreateWorkflowDto {
  @ApiProperty({ example: 'New Lead Trigger', maxLength: 200 })
  @Trimmed()
  @IsString()
  @CharLength(1, 200)
  name!: string;

  @ApiPropertyOptional({
    type: String,
    example: 'Welcome every new lead by SMS',
    maxLength: 1000,
    nullable: true,
  })
  @Optional()
  @IsOptional()
  @IsString()
  @MaxChars(1000)
  description?: string | null;

  @ApiPropertyOptional({
    enum: WORKFLOW_TRIGGERS,
    example: 'lead.created',
    nullable: true,
    description:
      "The event runs start from; else the trigger node's `data.event` (both given: they must agree)",
  })
  @IsOptional()
  @IsIn(WORKFLOW_TRIGGERS)
  trigger?: WorkflowTrigger | null;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    maxItems: MAX_NODES,
    example: NODES_EXAMPLE,
    description: NODES_DOC,
  })
  @IsArray()
  @ArrayMaxSize(MAX_NODES)
  @IsObject({ each: true })
  nodes!: Record<string, unknown>[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    maxItems: MAX_EDGES,
    example: EDGES_EXAMPLE,
    description: EDGES_DOC,
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_EDGES)
  @IsObject({ each: true })
  edges?: Record<string, unknown>[];
}

export class UpdateWorkflowDto {
  @ApiPropertyOptional({ example: 'New Lead Trigger', maxLength: 200 })
  @Optional()
  @Trimmed()
  @IsString()
  @CharLength(1, 200)
  name?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'Welcome every new lead by SMS',
    maxLength: 1000,
    nullable: true,
  })
  @Optional()
  @IsOptional()
  @IsString()
  @MaxChars(1000)
  description?: string | null;

  @ApiPropertyOptional({ enum: WORKFLOW_TRIGGERS, example: 'lead.created', nullable: true })
  @IsOptional()
  @IsIn(WORKFLOW_TRIGGERS)
  trigger?: WorkflowTrigger | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    maxItems: MAX_NODES,
    example: NODES_EXAMPLE,
    description: NODES_DOC,
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_NODES)
  @IsObject({ each: true })
  nodes?: Record<string, unknown>[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    maxItems: MAX_EDGES,
    example: EDGES_EXAMPLE,
    description: EDGES_DOC,
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_EDGES)
  @IsObject({ each: true })
  edges?: Record<string, unknown>[];
}

export class WorkflowDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'New Lead Trigger' }) name!: string;
  @ApiProperty({ type: String, example: 'Welcome every new lead by SMS', nullable: true }) description!:
    string | null;
  @ApiProperty({ enum: WORKFLOW_TRIGGERS, example: 'lead.created', nullable: true }) trigger!: string | null;
  @ApiProperty({
    example: false,
    description: 'Active workflows start a run for each event of their trigger',
  })
  active!: boolean;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: NODES_EXAMPLE,
  })
  nodes!: WorkflowNode[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: EDGES_EXAMPLE,
  })
  edges!: WorkflowEdge[];
  @ApiProperty({ type: String, example: null, nullable: true, description: 'When it was last activated' })
  activated_at!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) created_by_id!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) updated_at!: string;

  static from(w: WorkflowEntity): WorkflowDto {
    return {
      id: w.id,
      name: w.name,
      description: w.description,
      trigger: w.triggerEvent,
      active: w.active,
      nodes: w.nodes,
      edges: w.edges,
      activated_at: w.activatedAt?.toISOString() ?? null,
      created_by_id: w.createdById,
      created_at: w.createdAt.toISOString(),
      updated_at: w.updatedAt.toISOString(),
    };
  }
}
