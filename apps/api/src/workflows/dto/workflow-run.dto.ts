import { WORKFLOW_RUN_STATUSES, WORKFLOW_STEP_STATUSES, WORKFLOW_TRIGGERS } from '@app/db';
import type { WorkflowRunStepEntity } from '@app/db';
import type { WorkflowRunWithPath } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';

export class WorkflowRunStepDto {
  @ApiProperty({ example: '2' }) node_id!: string;
  @ApiProperty({ example: 'send_message' }) node_type!: string;
  @ApiProperty({ enum: WORKFLOW_STEP_STATUSES, example: 'done' }) status!: string;
  @ApiProperty({
    type: String,
    example: 'sent',
    nullable: true,
    description:
      'What the node did: triggered, true / false (a condition), waiting / resumed, sent, updated, enrolled, ' +
      'already_enrolled, skipped, notified; or why it failed or waits (a contact-policy rule such as ' +
      'do_not_contact, opted_out, outside_window; human_hold; lead_missing; user_missing; error)',
  })
  outcome!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { message_id: '0190f0a4-3c1e-7a55-9d7e-2b61c1f6d0a1' },
    description: 'Ids and outcomes only (a message id, the branch taken, when a wait ends)',
  })
  detail!: Record<string, unknown>;
  @ApiProperty({
    type: String,
    example: null,
    nullable: true,
    description: 'A waiting step: when it goes on',
  })
  resume_at!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) started_at!: string;
  @ApiProperty({ type: String, example: '2026-11-22T06:00:01.000Z', nullable: true }) finished_at!:
    string | null;

  static from(s: WorkflowRunStepEntity): WorkflowRunStepDto {
    return {
      node_id: s.nodeId,
      node_type: s.nodeType,
      status: s.status,
      outcome: s.outcome,
      detail: s.detail,
      resume_at: s.resumeAt?.toISOString() ?? null,
      started_at: s.startedAt.toISOString(),
      finished_at: s.finishedAt?.toISOString() ?? null,
    };
  }
}

export class WorkflowRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) workflow_id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null once the lead was erased' })
  lead_id!: string | null;
  @ApiProperty({ enum: WORKFLOW_TRIGGERS, example: 'lead.created' }) trigger_event!: string;
  @ApiProperty({ format: 'uuid', description: 'The event that started the run (its webhook event id too)' })
  event_id!: string;
  @ApiProperty({
    enum: WORKFLOW_RUN_STATUSES,
    example: 'completed',
    description:
      'stopped: its workflow was deactivated before its next step (or its lead erased). A run follows the ' +
      'definition as it is saved at each step: when a save removes the node a run waits on or goes to next, the ' +
      "run fails with the error 'The workflow changed: node <id> no longer exists'",
  })
  status!: string;
  @ApiProperty({ type: String, example: '2', nullable: true }) current_node_id!: string | null;
  @ApiProperty({
    type: String,
    example: null,
    nullable: true,
    description:
      "Why it failed or stopped: a node's failure, 'The workflow changed: node <id> no longer exists', " +
      "'Step <id> failed N times with an unexpected error (job <id>)', 'The workflow was deactivated'",
  })
  error!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) started_at!: string;
  @ApiProperty({ type: String, example: '2026-11-22T06:00:01.000Z', nullable: true }) finished_at!:
    string | null;
  @ApiProperty({ type: [WorkflowRunStepDto], description: 'The nodes visited, in order' })
  path!: WorkflowRunStepDto[];

  static from({ run, path }: WorkflowRunWithPath): WorkflowRunDto {
    return {
      id: run.id,
      workflow_id: run.workflowId,
      lead_id: run.leadId,
      trigger_event: run.triggerEvent,
      event_id: run.eventId,
      status: run.status,
      current_node_id: run.currentNodeId,
      error: run.error,
      started_at: run.startedAt.toISOString(),
      finished_at: run.finishedAt?.toISOString() ?? null,
      path: path.map(WorkflowRunStepDto.from),
    };
  }
}
