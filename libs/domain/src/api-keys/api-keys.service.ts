import { generateApiKey } from '@app/auth';
import { AppError, Clock, Page, PageWindow } from '@app/common';
import { ApiKeyEntity, Role } from '@app/db';
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

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly live: LiveEvents,
  ) {}

  async list(auth: AuthContext, window: PageWindow): Promise<Page<ApiKeyEntity>> {
    const [rows, total] = await this.keys.findPage(auth.tenantId, window);
    return new Page(rows, total, window.limit, window.offset);
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
