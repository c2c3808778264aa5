import { generateApiKey } from '@app/auth';
import { AppError, Clock, Page, PageWindow } from '@app/common';
import { ApiKeyEntity, lowerRole, Role, tenantQuery } from '@app/db';
import { LiveEvents } from '@app/events';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { ApiKeysRepository } from './api-keys.repository';

export interface NewApiKeyInput {
  name: string;
  role: Role;
}

export interface CreatedApiKey {
  entity: ApiKeyEntity;
  /** The whole key: answered once, never stored. */
  key: string;
}

/** A key with what it may do now (ApiKeysService.effectiveRoles). */
export interface ApiKeyView {
  entity: ApiKeyEntity;
  effectiveRole: Role | null;
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly live: LiveEvents,
  ) {}

  async list(auth: AuthContext, window: PageWindow): Promise<Page<ApiKeyView>> {
    const [rows, total] = await this.keys.findPage(auth.tenantId, window);
    return new Page(await this.views(auth.tenantId, rows), total, window.limit, window.offset);
  }

  /**
   * Each key with what it may do now, as a request with it is judged (CredentialsService): its role capped at its
   * maker's current one (a maker demoted since demotes the key), none while its maker is inactive or gone, or once
   * it is revoked.
   */
  async views(tenantId: string, keys: ApiKeyEntity[]): Promise<ApiKeyView[]> {
    const makers = [...new Set(keys.flatMap((k) => (k.createdById ? [k.createdById] : [])))];
    const rows = makers.length
      ? await tenantQuery<{ id: string; role: Role; is_active: boolean }>(
          this.db.manager,
          tenantId,
          `SELECT id, role, is_active FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
          [makers],
        )
      : [];
    const maker = new Map(rows.map((r) => [r.id, r]));
    return keys.map((entity) => {
      if (entity.revokedAt) return { entity, effectiveRole: null };
      if (!entity.createdById) return { entity, effectiveRole: entity.role };
      const user = maker.get(entity.createdById);
      return { entity, effectiveRole: user?.is_active ? lowerRole(entity.role, user.role) : null };
    });
  }

  async get(auth: AuthContext, id: string): Promise<ApiKeyEntity> {
    const key = await this.keys.findById(auth.tenantId, id);
    if (!key) throw AppError.notFound('API key');
    return key;
  }

  async create(auth: AuthContext, input: NewApiKeyInput): Promise<CreatedApiKey> {
    const secret = generateApiKey();
    const entity = await this.db.transaction(async (tx) => {
      const saved = await tx.save(
        tx.create(ApiKeyEntity, {
          tenantId: auth.tenantId,
          name: input.name.trim(),
          prefix: secret.prefix,
          keyHash: secret.hash,
          role: input.role,
          // A key made with a key answers to the user who made that one.
          createdById: auth.userId ?? auth.apiKeyCreatorId ?? null,
        }),
      );
      await this.activity.record(
        auth.tenantId,
        auth,
        {
          type: 'api_key.created',
          description: `API key "${saved.name}" (${saved.prefix}) created as ${saved.role}`,
          data: { api_key_id: saved.id },
        },
        tx,
      );
      return saved;
    });
    return { entity, key: secret.key };
  }

  async revoke(auth: AuthContext, id: string): Promise<ApiKeyEntity> {
    const key = await this.keys.findById(auth.tenantId, id);
    if (!key) throw AppError.notFound('API key');
    if (key.revokedAt) return key;
    const revoked = await this.db.transaction(async (tx) => {
      await tx.update(ApiKeyEntity, { id: key.id, tenantId: auth.tenantId }, { revokedAt: this.clock.now() });
      await this.activity.record(
        auth.tenantId,
        auth,
        {
          type: 'api_key.revoked',
          description: `API key "${key.name}" (${key.prefix}) revoked`,
          data: { api_key_id: key.id },
        },
        tx,
      );
      return tx.findOneByOrFail(ApiKeyEntity, { id: key.id, tenantId: auth.tenantId });
    });
    // The sockets the key opened close now, not at their next periodic check.
    this.live.recheckApiKey(key.id);
    return revoked;
  }
}
