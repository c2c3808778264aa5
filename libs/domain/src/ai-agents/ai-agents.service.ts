import { AppError, Clock, Page, PageWindow } from '@app/common';
import { AiAgentEntity } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, QueryFailedError } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { AiAgentFilter, AiAgentInput, mergeAgentConfig, normalizeCapabilities } from './ai-agent-input';
import { AiAgentPerformance, AiAgentsRepository, NO_PERFORMANCE } from './ai-agents.repository';

export interface AiAgentView {
  agent: AiAgentEntity;
  performance: AiAgentPerformance;
}

function isNameTaken(err: unknown): boolean {
  const driver =
    err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : null;
  return driver?.code === '23505' && driver.constraint === 'uq_ai_agents_tenant_name';
}

async function nameGuard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isNameTaken(err)) throw AppError.conflict('An AI agent with this name already exists');
    throw err;
  }
}

/** AI agents (seed 004): CRUD with each agent's run record; DELETE archives. */
@Injectable()
export class AiAgentsService {
  constructor(
    private readonly db: DataSource,
    private readonly agents: AiAgentsRepository,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, window: PageWindow, filter: AiAgentFilter): Promise<Page<AiAgentView>> {
    const [rows, total] = await this.agents.list(auth.tenantId, window, filter);
    const performance = await this.agents.performance(
      auth.tenantId,
      rows.map((a) => a.id),
    );
    return new Page(
      rows.map((agent) => ({ agent, performance: performance.get(agent.id) ?? NO_PERFORMANCE })),
      total,
      window.limit,
      window.offset,
    );
  }

  /** A live agent of the tenant, or 404 (archived agents are gone). */
  async find(auth: AuthContext, id: string): Promise<AiAgentEntity> {
    const agent = await this.agents.findLive(auth.tenantId, id);
    if (!agent) throw AppError.notFound('AI agent');
    return agent;
  }

  async get(auth: AuthContext, id: string): Promise<AiAgentView> {
    const agent = await this.find(auth, id);
    const performance = await this.agents.performance(auth.tenantId, [agent.id]);
    return { agent, performance: performance.get(agent.id) ?? NO_PERFORMANCE };
  }

  async create(auth: AuthContext, input: Required<Pick<AiAgentInput, 'name' | 'type'>> & AiAgentInput) {
    const created = await this.db.transaction(async (tx) => {
      const agent = await nameGuard(() =>
        tx.save(
          tx.create(AiAgentEntity, {
            tenantId: auth.tenantId,
            name: input.name.trim(),
            type: input.type,
            status: input.status ?? 'active',
            capabilities: normalizeCapabilities(input.capabilities ?? []),
            config: mergeAgentConfig({}, input.config),
            createdBy: auth.userId,
          }),
        ),
      );
      await this.activity.record(
        auth.tenantId,
        auth,
        {
          type: 'ai_agent.created',
          description: `AI agent "${agent.name}" created`,
          data: { ai_agent_id: agent.id },
        },
        tx,
      );
      return agent;
    });
    return this.get(auth, created.id);
  }

  /** PATCH: the fields sent change; config keys merge into the stored config. */
  /** PATCH: under the agent's row lock, so two edits of its config merge into the one each of them read. */
  async update(auth: AuthContext, id: string, input: AiAgentInput): Promise<AiAgentView> {
    await nameGuard(() =>
      this.db.transaction(async (tx) => {
        const current = await tx.findOne(AiAgentEntity, {
          where: { tenantId: auth.tenantId, id, archivedAt: IsNull() },
          lock: { mode: 'pessimistic_write' },
        });
        if (!current) throw AppError.notFound('AI agent');
        const columns: Partial<AiAgentEntity> = {};
        if (input.name !== undefined) columns.name = input.name.trim();
        if (input.type !== undefined) columns.type = input.type;
        if (input.status !== undefined) columns.status = input.status;
        if (input.capabilities !== undefined)
          columns.capabilities = normalizeCapabilities(input.capabilities);
        if (input.config !== undefined) columns.config = mergeAgentConfig(current.config, input.config);
        if (Object.keys(columns).length)
          await tx.update(AiAgentEntity, { tenantId: auth.tenantId, id }, columns as never);
      }),
    );
    return this.get(auth, id);
  }

  /** DELETE: archives the agent (its run records stay for analytics); it no longer lists, reads or runs. */
  async archive(auth: AuthContext, id: string): Promise<AiAgentView> {
    const view = await this.get(auth, id);
    const { agent } = view;
    const at = this.clock.now();
    await this.db.transaction(async (tx) => {
      const archived = await tx.update(
        AiAgentEntity,
        { id: agent.id, tenantId: auth.tenantId, archivedAt: IsNull() },
        { archivedAt: at },
      );
      // A concurrent DELETE archived it first.
      if (!archived.affected) throw AppError.notFound('AI agent');
      await this.activity.record(
        auth.tenantId,
        auth,
        {
          type: 'ai_agent.archived',
          description: `AI agent "${agent.name}" archived`,
          data: { ai_agent_id: agent.id },
        },
        tx,
      );
    });
    return { ...view, agent: { ...agent, archivedAt: at } };
  }
}
