import { AppError, Clock, definedKeys, mergePatch } from '@app/common';
import { TenantEntity, UserEntity } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { EntityManager, QueryFailedError, Repository } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { CampaignsRepository } from '../campaigns/campaigns.repository';
import { ZONED_COUNTRIES } from '../contact-policy/contact-policy.service';
import { NewUser, UsersService } from '../users/users.service';
import { slugify } from './slug';

/** Tenant settings are read with every inbound message and shown on every GET /tenant: kept small. */
const SETTINGS_MAX_BYTES = 64 * 1024;

export interface TenantPatch {
  name?: string;
  timezone?: string;
  default_country?: string | null;
  /**
   * Merged into the stored settings as a JSON merge patch (RFC 7396: objects merge all the way down, null removes
   * a key); or a function of the stored settings answering the keys to replace whole, run on the row read under
   * its lock (so a nested merge never works from a stale copy).
   */
  settings?: Record<string, unknown> | ((current: Record<string, unknown>) => Record<string, unknown>);
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const driver =
    err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
  return driver?.code === '23505' && driver.constraint === constraint;
}

/** Tenants are the root of tenancy: each is read by its own id only, which comes from the caller's credentials. */
@Injectable()
export class TenantsService {
  constructor(
    @InjectRepository(TenantEntity) private readonly tenants: Repository<TenantEntity>,
    private readonly activity: ActivityService,
    private readonly users: UsersService,
    private readonly campaigns: CampaignsRepository,
    private readonly clock: Clock,
  ) {}

  async get(tenantId: string): Promise<TenantEntity> {
    const tenant = await this.tenants.findOneBy({ id: tenantId });
    if (!tenant) throw AppError.notFound('Tenant');
    return tenant;
  }

  /**
   * By slug, or by name case-insensitively (seed 003's clinicName). A slug wins over another tenant's name: one
   * tenant can never take another's logins by naming itself after its slug.
   */
  findByRef(ref: string): Promise<TenantEntity | null> {
    return this.tenants
      .createQueryBuilder('t')
      .where('t.slug = :ref OR lower(t.name) = lower(:ref)', { ref: ref.trim() })
      .orderBy('t.slug = :ref', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Creates a tenant in `manager`'s transaction; a taken name is a 409, a taken slug gets a suffix. */
  async create(manager: EntityManager, name: string, timezone = 'UTC'): Promise<TenantEntity> {
    const base = slugify(name);
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = attempt === 0 ? base : `${base.slice(0, 53)}-${randomBytes(3).toString('hex')}`;
      try {
        return await manager.transaction((tx) =>
          tx.save(tx.create(TenantEntity, { name: name.trim(), slug, timezone })),
        );
      } catch (err) {
        if (isUniqueViolation(err, 'uq_tenants_name_lower'))
          throw AppError.conflict('A tenant with this name already exists');
        if (!isUniqueViolation(err, 'uq_tenants_slug')) throw err;
      }
    }
    throw AppError.conflict('Could not find a free slug for this tenant name');
  }

  /** A new tenant and its first admin, in one transaction: neither exists without the other. */
  async registerWithAdmin(
    name: string,
    admin: Omit<NewUser, 'role'>,
  ): Promise<{ tenant: TenantEntity; user: UserEntity }> {
    return this.tenants.manager.transaction(async (tx) => {
      const tenant = await this.create(tx, name);
      const user = await this.users.createInTenant(tenant.id, { ...admin, role: 'admin' }, null, tx);
      await this.activity.record(
        tenant.id,
        { userId: user.id, apiKeyId: null },
        { type: 'tenant.created', description: `Tenant ${tenant.name} registered by ${user.email}` },
        tx,
      );
      return { tenant, user };
    });
  }

  /** The patch applied to the tenant's row read under its lock: concurrent edits of different fields all land. */
  async update(auth: AuthContext, patch: TenantPatch): Promise<TenantEntity> {
    const fields = definedKeys(patch);
    try {
      return await this.tenants.manager.transaction(async (tx) => {
        // FOR NO KEY UPDATE, as the save takes: it holds off another edit; FOR UPDATE would also refuse the
        // key-share every new row of the tenant takes on it (a campaign's cancel holding a turn that the zone change
        // below waits for, then writing its activity entry: a deadlock).
        const tenant = await tx.findOne(TenantEntity, {
          where: { id: auth.tenantId },
          lock: { mode: 'for_no_key_update' },
        });
        if (!tenant) throw AppError.notFound('Tenant');
        const zoneBefore = tenant.timezone;
        if (patch.name !== undefined) tenant.name = patch.name.trim();
        if (patch.timezone !== undefined) tenant.timezone = patch.timezone;
        if (patch.default_country !== undefined)
          tenant.defaultCountry = patch.default_country?.toUpperCase() ?? null;
        if (patch.settings !== undefined) {
          tenant.settings =
            typeof patch.settings === 'function'
              ? { ...tenant.settings, ...patch.settings(tenant.settings) }
              : (mergePatch(tenant.settings, patch.settings) as Record<string, unknown>);
          if (Buffer.byteLength(JSON.stringify(tenant.settings)) > SETTINGS_MAX_BYTES)
            throw AppError.field('settings', `must stay under ${SETTINGS_MAX_BYTES / 1024} KB as stored`);
        }
        const saved = await tx.save(tenant);
        // Sends held for the window in the old zone are asked again in the new one (as a campaign's window change).
        if (saved.timezone !== zoneBefore)
          await this.campaigns.unholdTenantZoneWaits(tx, auth.tenantId, ZONED_COUNTRIES, this.clock.now());
        await this.activity.record(
          auth.tenantId,
          auth,
          {
            type: 'tenant.updated',
            description: `Tenant settings changed (${fields.join(', ') || 'nothing'})`,
            data: { fields },
          },
          tx,
        );
        return saved;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'uq_tenants_name_lower'))
        throw AppError.conflict('A tenant with this name already exists');
      throw err;
    }
  }
}
