import { PasswordHasher, UserAuthStates } from '@app/auth';
import { AppError, Clock, definedKeys, Page, PageWindow } from '@app/common';
import { Role, tenantQuery, UserEntity } from '@app/db';
import { LiveEvents } from '@app/events';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ActivityService } from '../activity/activity.service';
import { AgentStatusService } from '../agents/agent-status.service';
import { AgentsRepository } from '../agents/agents.repository';
import { conversationUpdatedEvent, ConversationUpdatedFields } from '../messaging/conversation-updated-event';
import { UserFilter, UsersRepository } from './users.repository';

export interface NewUser {
  email: string;
  password: string;
  first_name: string;
  last_name: string;
  username?: string;
  phone?: string;
  role: Role;
}

export interface UserPatch {
  first_name?: string;
  last_name?: string;
  username?: string | null;
  phone?: string | null;
  role?: Role;
  is_active?: boolean;
  password?: string;
}

function conflictFor(err: unknown): AppError | undefined {
  const driver =
    err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
  if (driver?.code !== '23505') return undefined;
  if (driver.constraint === 'uq_users_email_lower')
    return AppError.conflict('A user with this email already exists');
  if (driver.constraint === 'uq_users_tenant_username_lower')
    return AppError.conflict('This username is taken in this tenant');
  return undefined;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly activity: ActivityService,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly authStates: UserAuthStates,
    private readonly live: LiveEvents,
    private readonly agents: AgentsRepository,
    // Resolved when used: the agents' status service reaches the users' through the tenants (an import cycle).
    private readonly modules: ModuleRef,
  ) {}

  async list(auth: AuthContext, window: PageWindow, filter: UserFilter): Promise<Page<UserEntity>> {
    const [rows, total] = await this.users.list(auth.tenantId, window, filter);
    return new Page(rows, total, window.limit, window.offset);
  }

  async get(auth: AuthContext, id: string): Promise<UserEntity> {
    const user = await this.users.findById(auth.tenantId, id);
    if (!user) throw AppError.notFound('User');
    return user;
  }

  /** Creates a user in `tenantId` (inside `manager`'s transaction when given). */
  async createInTenant(
    tenantId: string,
    input: NewUser,
    actor: Pick<AuthContext, 'userId' | 'apiKeyId'> | null,
    manager?: EntityManager,
  ): Promise<UserEntity> {
    const passwordHash = await this.hasher.hash(input.password);
    const run = async (tx: EntityManager) => {
      const user = await tx.save(
        tx.create(UserEntity, {
          tenantId,
          email: input.email.trim(),
          username: input.username?.trim() || null,
          passwordHash,
          firstName: input.first_name.trim(),
          lastName: input.last_name.trim(),
          phone: input.phone?.trim() || null,
          role: input.role,
        }),
      );
      await this.activity.record(
        tenantId,
        actor,
        {
          type: 'user.created',
          description: `User ${user.email} created as ${user.role}`,
          data: { user_id: user.id },
        },
        tx,
      );
      return user;
    };
    try {
      return await (manager ? manager.transaction(run) : this.db.transaction(run));
    } catch (err) {
      throw conflictFor(err) ?? err;
    }
  }

  /** A successful sign-in: last_login_at and an activity entry, together. */
  async recordLogin(user: UserEntity): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.update(
        UserEntity,
        { id: user.id, tenantId: user.tenantId },
        { lastLoginAt: this.clock.now() },
      );
      await this.activity.record(
        user.tenantId,
        { userId: user.id, apiKeyId: null },
        { type: 'auth.login', description: `${user.email} logged in` },
        tx,
      );
    });
  }

  /** A refused sign-in of a known user, for the audit trail. */
  recordFailedLogin(user: UserEntity): Promise<void> {
    return this.activity.record(
      user.tenantId,
      { userId: user.id, apiKeyId: null },
      { type: 'auth.login_failed', description: `Failed login for ${user.email}`, status: 'failure' },
    );
  }

  create(auth: AuthContext, input: NewUser): Promise<UserEntity> {
    return this.createInTenant(auth.tenantId, input, auth);
  }

  async update(auth: AuthContext, id: string, patch: UserPatch): Promise<UserEntity> {
    const user = await this.get(auth, id);
    const sent = definedKeys(patch);
    if (patch.is_active === false && user.id === auth.userId)
      throw AppError.conflict('You cannot deactivate yourself');
    const changes: QueryDeepPartialEntity<UserEntity> = {};
    if (patch.first_name !== undefined) changes.firstName = patch.first_name.trim();
    if (patch.last_name !== undefined) changes.lastName = patch.last_name.trim();
    if (patch.username !== undefined) changes.username = patch.username?.trim() || null;
    if (patch.phone !== undefined) changes.phone = patch.phone?.trim() || null;
    if (patch.role !== undefined) changes.role = patch.role;
    if (patch.is_active !== undefined) changes.isActive = patch.is_active;
    if (patch.password !== undefined) changes.passwordHash = await this.hasher.hash(patch.password);
    // Deactivation and a new password end every session the user had.
    if (patch.password !== undefined || (patch.is_active === false && user.isActive))
      changes.tokensRevokedAt = this.clock.now();
    const demotes = (patch.role !== undefined && patch.role !== 'admin') || patch.is_active === false;
    const changesAuth =
      changes.role !== undefined || changes.isActive !== undefined || changes.tokensRevokedAt !== undefined;
    if (changesAuth) changes.authVersion = () => 'auth_version + 1';
    let unassigned: ConversationUpdatedFields[] = [];
    try {
      const updated = await this.db.transaction(async (tx) => {
        if (demotes) await this.assertAnotherActiveAdmin(tx, auth.tenantId, user.id);
        await tx.update(UserEntity, { id: user.id, tenantId: auth.tenantId }, changes);
        // Their conversations go back to the unassigned queue: nobody's `mine` view holds them any more.
        if (patch.is_active === false && user.isActive)
          unassigned = await tenantQuery<ConversationUpdatedFields>(
            tx,
            auth.tenantId,
            `UPDATE conversations SET assigned_user_id = NULL, updated_at = now()
              WHERE tenant_id = $1 AND assigned_user_id = $2
              RETURNING id, lead_id AS "leadId", channel, status, unread_count AS "unreadCount",
                        assigned_user_id AS "assignedUserId", ai_mode AS "aiMode"`,
            [user.id],
          );
        const fields = sent.filter((k) => k !== 'password');
        const listed = [...fields, ...(patch.password !== undefined ? ['password'] : [])];
        await this.activity.record(
          auth.tenantId,
          auth,
          {
            type: patch.is_active === false ? 'user.deactivated' : 'user.updated',
            description: `User ${user.email} updated (${listed.join(', ') || 'nothing'})`,
            data: { user_id: user.id, fields: listed, ...(patch.role ? { role: patch.role } : {}) },
          },
          tx,
        );
        return tx.findOneByOrFail(UserEntity, { id: user.id, tenantId: auth.tenantId });
      });
      // After commit, so that every process's next request sees the change.
      if (changesAuth) {
        await this.authStates.load(auth.tenantId, user.id);
        this.live.recheckUser(user.id);
      }
      if (patch.is_active === false && user.isActive) await this.takeAgentOffline(auth.tenantId, user.id);
      // Every open inbox sees them back in the unassigned queue.
      const now = this.clock.now();
      for (const c of unassigned)
        this.live.toConversation(
          auth.tenantId,
          c.id,
          'conversation.updated',
          conversationUpdatedEvent(c, now),
        );
      return updated;
    } catch (err) {
      throw conflictFor(err) ?? err;
    }
  }

  /**
   * A deactivated user's agent is taken offline (told as any status change is, and their live leg ended): the
   * dialer would otherwise keep putting leads through to the phone of someone who has left. They stay offline until
   * the user is reactivated (AgentsRepository.setStatus refuses any other status).
   */
  private async takeAgentOffline(tenantId: string, userId: string): Promise<void> {
    const agent = await this.agents.findByUser(tenantId, userId);
    if (agent && agent.status !== 'offline')
      await this.modules.get(AgentStatusService, { strict: false }).apply(tenantId, agent.id, 'offline');
  }

  /** DELETE deactivates: the user can no longer sign in and their tokens stop working at once. */
  deactivate(auth: AuthContext, id: string): Promise<UserEntity> {
    return this.update(auth, id, { is_active: false });
  }

  /**
   * Refuses to demote or deactivate the last active admin. The tenant's active admin rows are locked, so two
   * admins demoting each other at the same moment cannot both succeed. FOR NO KEY UPDATE: that holds off another
   * demotion; FOR UPDATE would also refuse the key-share of a row naming an admin (a manual message they send,
   * which holds its conversation's row that the deactivation then waits for: a deadlock).
   */
  private async assertAnotherActiveAdmin(tx: EntityManager, tenantId: string, userId: string): Promise<void> {
    const admins = await tenantQuery<{ id: string }>(
      tx,
      tenantId,
      `SELECT id FROM users WHERE tenant_id = $1 AND role = 'admin' AND is_active ORDER BY id FOR NO KEY UPDATE`,
    );
    if (admins.some((a) => a.id === userId) && admins.length <= 1) {
      throw AppError.conflict('A tenant keeps at least one active admin');
    }
  }
}
