import { AppError, Clock, FieldIssue, invalidInput, Page, PageWindow } from '@app/common';
import {
  WorkflowEdge,
  WorkflowEntity,
  WorkflowNode,
  WorkflowRunEntity,
  WorkflowRunStepEntity,
} from '@app/db';
import type { WorkflowTrigger } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import { bareNamesOf } from '../campaigns/campaign-input';
import { CampaignsRepository } from '../campaigns/campaigns.repository';
import { unknownFieldReason } from '../campaigns/message-template';
import { runnableIssues, structureIssues, workflowTemplateTexts } from './workflow-definition';
import { WorkflowRunsRepository } from './workflow-runs.repository';
import { WorkflowsRepository } from './workflows.repository';

export interface WorkflowInput {
  name?: string;
  description?: string | null;
  trigger?: WorkflowTrigger | null;
  nodes?: Record<string, unknown>[];
  edges?: Record<string, unknown>[];
}

/** A run with the nodes it visited, in order. */
export interface WorkflowRunWithPath {
  run: WorkflowRunEntity;
  path: WorkflowRunStepEntity[];
}

/**
 * A tenant's workflows (seed 000): saved as drafts when their graph holds together, activated only when they can
 * run (every node's settings, and the campaigns and users they name, checked then and on each save while active).
 */
@Injectable()
export class WorkflowsService {
  constructor(
    private readonly workflows: WorkflowsRepository,
    private readonly runs: WorkflowRunsRepository,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly campaigns: CampaignsRepository,
  ) {}

  async list(auth: AuthContext, window: PageWindow): Promise<Page<WorkflowEntity>> {
    const [rows, total] = await this.workflows.list(auth.tenantId, window);
    return new Page(rows, total, window.limit, window.offset);
  }

  async get(auth: AuthContext, id: string): Promise<WorkflowEntity> {
    const workflow = await this.workflows.findById(auth.tenantId, id);
    if (!workflow) throw AppError.notFound('Workflow');
    return workflow;
  }

  async create(
    auth: AuthContext,
    input: WorkflowInput & Required<Pick<WorkflowInput, 'name' | 'nodes' | 'edges'>>,
  ): Promise<WorkflowEntity> {
    const definition = this.definition(input, null);
    const created = await this.workflows.insert(auth.tenantId, {
      name: input.name,
      description: input.description ?? null,
      ...definition,
      active: false,
      createdById: auth.userId,
    });
    await this.record(auth, created, 'created');
    return this.get(auth, created.id);
  }

  /** PUT: the fields sent replace the saved ones; an active workflow must stay runnable. */
  async update(auth: AuthContext, id: string, input: WorkflowInput): Promise<WorkflowEntity> {
    const current = await this.get(auth, id);
    const definition = this.definition(input, current);
    if (current.active) await this.checkRunnable(auth.tenantId, definition);
    await this.workflows.change(auth.tenantId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...definition,
    });
    return this.get(auth, id);
  }

  /** DELETE: the workflow and its runs go; a run waiting in it ends at its next step. */
  async remove(auth: AuthContext, id: string): Promise<WorkflowEntity> {
    const workflow = await this.get(auth, id);
    await this.workflows.remove(auth.tenantId, id);
    await this.record(auth, workflow, 'deleted');
    return workflow;
  }

  /** New events start runs from now on; answered as it stands when it is active already. */
  async activate(auth: AuthContext, id: string): Promise<WorkflowEntity> {
    const workflow = await this.get(auth, id);
    if (workflow.active) return workflow;
    await this.checkRunnable(auth.tenantId, workflow);
    await this.workflows.change(auth.tenantId, id, { active: true, activatedAt: this.clock.now() });
    await this.record(auth, workflow, 'activated');
    return this.get(auth, id);
  }

  /**
   * No new run starts; runs under way (waiting ones too) end `stopped` now, so activating it again (a follow-up
   * fixed) does not send what the old ones waited to send.
   */
  async deactivate(auth: AuthContext, id: string): Promise<WorkflowEntity> {
    const workflow = await this.get(auth, id);
    if (!workflow.active) return workflow;
    await this.workflows.change(auth.tenantId, id, { active: false });
    await this.runs.stopAll(auth.tenantId, id, this.clock.now());
    await this.record(auth, workflow, 'deactivated');
    return this.get(auth, id);
  }

  async listRuns(auth: AuthContext, id: string, window: PageWindow): Promise<Page<WorkflowRunWithPath>> {
    await this.get(auth, id);
    const [rows, total] = await this.runs.page(auth.tenantId, id, window);
    return new Page(rows, total, window.limit, window.offset);
  }

  /** The definition a save leaves (the input over `current`), refused with every field at fault. */
  private definition(input: WorkflowInput, current: WorkflowEntity | null) {
    const nodes = (input.nodes ?? current?.nodes ?? []) as unknown[];
    const edges = (input.edges ?? current?.edges ?? []) as unknown[];
    const issues = structureIssues(nodes, edges);
    const trigger = nodes.find((n) => (n as WorkflowNode)?.type === 'trigger') as WorkflowNode | undefined;
    const nodeEvent = (trigger?.data?.event as WorkflowTrigger | undefined) ?? null;
    if (input.trigger && nodeEvent && input.trigger !== nodeEvent)
      issues.push({ field: 'trigger', reason: `differs from the trigger node's data.event (${nodeEvent})` });
    if (issues.length) throw invalidInput(issues);
    return {
      nodes: (nodes as WorkflowNode[]).map((n) => ({ ...n, data: n.data ?? {} })),
      edges: edges as WorkflowEdge[],
      triggerEvent:
        input.trigger !== undefined
          ? (input.trigger ?? nodeEvent)
          : (nodeEvent ?? current?.triggerEvent ?? null),
    };
  }

  /** What activation asks besides the graph: every node's settings, and the campaigns and users named are the tenant's. */
  private async checkRunnable(
    tenantId: string,
    d: Pick<WorkflowEntity, 'nodes' | 'edges' | 'triggerEvent'>,
  ): Promise<void> {
    const issues = runnableIssues(d.nodes, d.edges, d.triggerEvent);
    if (!issues.length) issues.push(...(await this.referenceIssues(tenantId, d.nodes)));
    if (issues.length) throw invalidInput(issues);
  }

  private async referenceIssues(tenantId: string, nodes: WorkflowNode[]): Promise<FieldIssue[]> {
    const campaignAt = nodes.flatMap((n, i) =>
      n.type === 'add_to_campaign' ? [[i, n.data.campaign_id as string] as const] : [],
    );
    const userAt = nodes.flatMap((n, i) => [
      ...(n.type === 'notify' && Array.isArray(n.data.user_ids)
        ? (n.data.user_ids as string[]).map((u) => [`nodes.${i}.data.user_ids`, u] as const)
        : []),
      ...(n.type === 'update_lead' && typeof n.data.owner_id === 'string'
        ? [[`nodes.${i}.data.owner_id`, n.data.owner_id] as const]
        : []),
    ]);
    const campaigns = await this.workflows.campaignIds(
      tenantId,
      campaignAt.map(([, id]) => id),
    );
    const users = await this.workflows.userIds(
      tenantId,
      userAt.map(([, id]) => id),
    );
    // A bare {{name}} must be a lead field or a custom field some lead has, as in a campaign's steps.
    const names = bareNamesOf(workflowTemplateTexts(nodes));
    const missing = await this.campaigns.missingCustomFields(tenantId, [...names.keys()]);
    return [
      ...missing.flatMap((name) =>
        (names.get(name) ?? []).map((field) => ({ field, reason: unknownFieldReason(name) })),
      ),
      ...campaignAt
        .filter(([, id]) => !campaigns.has(id))
        .map(([i]) => ({
          field: `nodes.${i}.data.campaign_id`,
          reason: 'must be a campaign of this tenant',
        })),
      ...userAt
        .filter(([, id]) => !users.has(id))
        .map(([field]) => ({ field, reason: 'must name active users of this tenant' })),
    ];
  }

  private record(auth: AuthContext, workflow: WorkflowEntity, what: string): Promise<unknown> {
    return this.activity.record(auth.tenantId, auth, {
      type: `workflow.${what}`,
      description: `Workflow ${workflow.name} ${what}`,
      data: { workflow_id: workflow.id },
    });
  }
}
