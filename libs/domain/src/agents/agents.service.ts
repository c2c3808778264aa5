import { AppError, FieldIssue, Page, PageWindow, invalidInput } from '@app/common';
import { AgentEntity, UserEntity } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { TenantsService } from '../tenants/tenants.service';
import { AgentColumns, AgentFilter, AgentInput, prepareAgent } from './agent-input';
import { AgentGroupsRepository } from './agent-groups.repository';
import { AgentStatusService, mayActAs } from './agent-status.service';
import { AgentCallStats, AgentsRepository, StatsRange } from './agents.repository';

export interface AgentStatsView {
  agent: AgentEntity;
  stats: AgentCallStats;
  range: StatsRange;
}

function isUserLinkViolation(err: unknown): boolean {
  const driver =
    err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : null;
  return driver?.code === '23505' && driver.constraint === 'uq_agents_tenant_user';
}

/** Agents (seed 001): CRUD and call statistics; status changes go through AgentStatusService. */
@Injectable()
export class AgentsService {
  constructor(
    private readonly db: DataSource,
    private readonly agents: AgentsRepository,
    private readonly groups: AgentGroupsRepository,
    private readonly status: AgentStatusService,
    private readonly tenants: TenantsService,
    private readonly activity: ActivityService,
  ) {}

  async list(auth: AuthContext, window: PageWindow, filter: AgentFilter): Promise<Page<AgentEntity>> {
    const [rows, total] = await this.agents.list(auth.tenantId, window, filter);
    return new Page(rows, total, window.limit, window.offset);
  }

  async get(auth: AuthContext, id: string): Promise<AgentEntity> {
    const agent = await this.agents.findById(auth.tenantId, id);
    if (!agent) throw AppError.notFound('Agent');
    return agent;
  }

  async create(auth: AuthContext, input: AgentInput): Promise<AgentEntity> {
    const columns = await this.prepare(auth, input, null);
    if (columns.userId && (columns.name === undefined || columns.email === undefined)) {
      const user = await this.db.getRepository(UserEntity).findOneByOrFail({
        id: columns.userId,
        tenantId: auth.tenantId,
      });
      columns.name ??= `${user.firstName} ${user.lastName}`.trim();
      columns.email ??= user.email;
    }
    const agent = await this.db.transaction(async (tx) => {
      const created = await this.linkGuard(() =>
        tx.save(tx.create(AgentEntity, { ...columns, tenantId: auth.tenantId, status: 'offline' })),
      );
      await this.activity.record(
        auth.tenantId,
        auth,
        {
          type: 'agent.created',
          description: `Agent "${created.name}" created`,
          data: { agent_id: created.id },
        },
        tx,
      );
      return created;
    });
    return this.get(auth, agent.id);
  }

  /**
   * PATCH: the fields sent change. Deactivating an agent who is not offline, or linking them to a deactivated user,
   * takes them offline: such an agent stays offline (PUT status refuses any other) until reactivated.
   */
  async update(auth: AuthContext, id: string, input: AgentInput): Promise<AgentEntity> {
    const current = await this.get(auth, id);
    const columns = await this.prepare(auth, input, current);
    await this.linkGuard(() => this.agents.update(auth.tenantId, id, columns));
    const updated = await this.get(auth, id);
    if (updated.status === 'offline') return updated;
    if (!updated.isActive || (columns.userId && !(await this.userActive(auth, columns.userId))))
      return this.status.apply(auth.tenantId, id, 'offline');
    return updated;
  }

  /** Seed 001's statistics; an agent-role user reads only their own. */
  async stats(auth: AuthContext, id: string, range: StatsRange): Promise<AgentStatsView> {
    const agent = await this.get(auth, id);
    if (!mayActAs(auth, agent))
      throw AppError.forbidden("Only a manager can read another agent's statistics");
    return { agent, stats: await this.agents.callStats(auth.tenantId, agent.id, range), range };
  }

  /** Validates and normalises input, then checks the group and the user against the tenant; all problems together. */
  private async prepare(
    auth: AuthContext,
    input: AgentInput,
    current: AgentEntity | null,
  ): Promise<AgentColumns> {
    const tenant = await this.tenants.get(auth.tenantId);
    const { columns, errors } = prepareAgent(input, current, [tenant.defaultCountry]);
    if (columns.agentGroupId && !(await this.groups.exists(auth.tenantId, columns.agentGroupId)))
      errors.push({ field: 'agent_group_id', reason: 'is not an agent group of this tenant' });
    if (columns.userId) {
      const linked = await this.checkUser(auth, columns.userId, current, errors);
      if (linked) {
        throw AppError.conflict('This user is already linked to another agent', {
          field: 'user_id',
          agent_id: linked,
        });
      }
    }
    if (errors.length) throw invalidInput(errors);
    return columns;
  }

  /** Pushes an error when the user is not the tenant's; answers the id of another agent already linked to them. */
  private async checkUser(
    auth: AuthContext,
    userId: string,
    current: AgentEntity | null,
    errors: FieldIssue[],
  ): Promise<string | null> {
    const exists = await this.db.getRepository(UserEntity).existsBy({ id: userId, tenantId: auth.tenantId });
    if (!exists) {
      errors.push({ field: 'user_id', reason: 'is not a user of this tenant' });
      return null;
    }
    const linked = await this.agents.findByUser(auth.tenantId, userId);
    return linked && linked.id !== current?.id ? linked.id : null;
  }

  private userActive(auth: AuthContext, userId: string): Promise<boolean> {
    return this.db
      .getRepository(UserEntity)
      .existsBy({ id: userId, tenantId: auth.tenantId, isActive: true });
  }

  /** Two requests linking the same user at once: the unique index decides, and the loser gets the 409. */
  private async linkGuard<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (!isUserLinkViolation(err)) throw err;
      throw AppError.conflict('This user is already linked to another agent', { field: 'user_id' });
    }
  }
}
