import { AppError, Clock, Page, PageWindow } from '@app/common';
import { EnrollmentStatus, LeadEntity, tenantQuery, TenantEntity, UserEntity } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, QueryFailedError } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { uuidv7 } from 'uuidv7';
import { ActivityService } from '../activity/activity.service';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { CampaignsRepository } from '../campaigns/campaigns.repository';
import { leadZones } from '../contact-policy/contact-policy.service';
import { lockAddresses } from '../dnc/address-locks';
import { refreshContactFlags } from '../dnc/contact-flags';
import { TenantsService } from '../tenants/tenants.service';
import { changedLeadFields } from './lead-changes';
import { LeadAnnouncements } from './lead-announcements';
import { duplicateError, identityOwners, releaseIdentities, syncIdentities } from './lead-identities';
import { BulkLeadResult, createLeadBatch } from './lead-batch';
import { LeadFields, LeadInput, prepareLead } from './lead-input';
import { qualificationAfter } from './lead-qualification';
import { invalidLead, leadWithoutAddress, onDoNotContactList } from './lead-refusals';
import { LeadFilter, LeadsRepository } from './leads.repository';
import { TenantStatistics } from '../system/tenant-statistics';

/** jsonb columns hold plain records, which TypeORM's deep-partial type cannot express. */
const columns = (fields: LeadFields & Partial<Pick<LeadEntity, 'id' | 'tenantId'>>) =>
  fields as QueryDeepPartialEntity<LeadEntity>;

/**
 * A score or classification a person sends is an override (issue 7): the classifier no longer changes it, until
 * `score_override` / `classification_override: false` hands it back (sent alone, or with a value to set once).
 */
function withOverrides(input: LeadInput): LeadInput {
  return {
    ...input,
    score_override: input.score_override ?? (input.score !== undefined ? true : undefined),
    classification_override:
      input.classification_override ?? (input.classification !== undefined ? true : undefined),
  };
}

/** Whether the lead's local zones (DESIGN §3b) are the same, the campaign's fallback standing for itself. */
function sameZones(before: LeadEntity, after: LeadEntity): boolean {
  const [a, b] = [leadZones(before, ''), leadZones(after, '')];
  return a.length === b.length && a.every((zone, i) => zone === b[i]);
}

/** A check of a lead about to be made, in its transaction (LeadsService.create). */
export type LeadGuard = (tx: EntityManager) => Promise<void>;

function isUniqueViolation(err: unknown): boolean {
  return err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505';
}

/** A listed lead and, in a list by campaign, its enrollment in that campaign. */
export interface ListedLead {
  lead: LeadEntity;
  enrollment: { campaign_id: string; status: EnrollmentStatus } | null;
}

@Injectable()
export class LeadsService {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly tenants: TenantsService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly announcements: LeadAnnouncements,
    private readonly campaigns: CampaignsRepository,
    private readonly progress: CampaignProgress,
    private readonly statistics: TenantStatistics,
  ) {}

  /**
   * A page of leads; listed by campaign (seed 001's `campaign_id`), each with its enrollment in that campaign (its
   * status: pending, queued, in_progress...), which the lead's own status is not.
   */
  async list(auth: AuthContext, window: PageWindow, filter: LeadFilter): Promise<Page<ListedLead>> {
    const [rows, total] = await this.leads.list(auth.tenantId, window, filter);
    const campaignId = filter.campaign_id;
    const statuses = campaignId
      ? await this.leads.enrollmentStatuses(
          auth.tenantId,
          campaignId,
          rows.map((l) => l.id),
        )
      : new Map<string, EnrollmentStatus>();
    const items = rows.map((lead) => {
      const status = statuses.get(lead.id);
      return { lead, enrollment: campaignId && status ? { campaign_id: campaignId, status } : null };
    });
    return new Page(items, total, window.limit, window.offset);
  }

  async get(auth: AuthContext, id: string): Promise<LeadEntity> {
    const lead = await this.leads.findById(auth.tenantId, id);
    if (!lead) throw AppError.notFound('Lead');
    return lead;
  }

  /**
   * `guard` runs in the creation's transaction under the locks of the lead's addresses, before anything is decided:
   * what it reads, a do-not-contact entry added at once waits for (or was committed before), and a refusal it
   * throws is the answer, nothing made.
   */
  async create(auth: AuthContext, input: LeadInput, guard?: LeadGuard): Promise<LeadEntity> {
    const lead = await this.insert(auth, input, await this.tenants.get(auth.tenantId), guard);
    await this.announce(auth.tenantId, [lead]);
    return lead;
  }

  /**
   * Each item is created or reported as if created on its own, one after another (see createLeadBatch); one
   * item's failure never undoes another's success.
   */
  async createMany(auth: AuthContext, inputs: LeadInput[]): Promise<BulkLeadResult[]> {
    const results = await createLeadBatch(this.db, await this.tenants.get(auth.tenantId), inputs);
    if (results.some((r) => r.lead))
      await this.statistics.refresh(auth.tenantId, ['leads', 'lead_identities']);
    await this.announce(
      auth.tenantId,
      results.flatMap((r) => (r.lead ? [r.lead] : [])),
    );
    return results;
  }

  /** PATCH and PUT change the fields sent (seeds 001 and 004 send PUT with a partial body); null clears one. */
  async update(auth: AuthContext, id: string, input: LeadInput): Promise<LeadEntity> {
    const lead = await this.get(auth, id);
    if (lead.archivedAt) throw AppError.conflict('The lead is archived');
    const tenant = await this.tenants.get(auth.tenantId);
    const sent = withOverrides(input);
    const { fields } = await this.prepare(auth, tenant, sent, lead);
    let flagged: string[] = [];
    let changed: string[] = [];
    const saved = await this.db.transaction(async (tx) => {
      // The addresses it moves to, first (a do-not-contact entry added for one at once takes its turn: this sees it,
      // or it flags the lead), and before the lead's row, in the order DncService takes them.
      await lockAddresses(tx, auth.tenantId, {
        phone: fields.phoneNormalized ?? null,
        email: fields.email ?? null,
      });
      // The lead as it stands now, held until commit: a concurrent update, import, archive or erasure of it goes
      // before or after this one, never between its read of the addresses and its change of their identities.
      // FOR NO KEY UPDATE, as its UPDATE takes: FOR UPDATE would also refuse the key-share of a row naming the lead
      // (a send holding the enrollment that the zone change below takes back the hold of: a deadlock).
      const current = await tx.findOne(LeadEntity, {
        where: { id: lead.id, tenantId: auth.tenantId },
        lock: { mode: 'for_no_key_update' },
      });
      if (!current) throw AppError.notFound('Lead');
      if (current.archivedAt) throw AppError.conflict('The lead is archived');
      const addresses = {
        phone: fields.phoneNormalized !== undefined ? fields.phoneNormalized : current.phoneNormalized,
        email: fields.email !== undefined ? fields.email : current.email,
      };
      // A change may not take a lead's last phone and email away. A lead that never had either (made by a Telegram
      // chat or a sender that is no number) is reached where it wrote, and may be changed all the same.
      if (!addresses.phone && !addresses.email && (current.phoneNormalized || current.email))
        throw leadWithoutAddress();
      const addressesChanged =
        addresses.phone !== current.phoneNormalized ||
        addresses.email?.toLowerCase() !== current.email?.toLowerCase();
      if (addressesChanged) {
        const owners = await identityOwners(tx, auth.tenantId, addresses, lead.id);
        if (owners.length) throw duplicateError(owners);
        await this.withUniqueGuard(tx, auth.tenantId, addresses, () =>
          syncIdentities(tx, auth.tenantId, lead.id, addresses),
        );
      }
      // A person's score or classification moves the qualification as a classified reply's would (dashboard,
      // achievements and reports count it), read against the lead as it stands now.
      const qualification = qualificationAfter(fields, current, tenant);
      if (qualification) fields.qualificationStatus = qualification;
      await tx.update(LeadEntity, { id: lead.id, tenantId: auth.tenantId }, columns(fields));
      if (addressesChanged) flagged = await refreshContactFlags(tx, auth.tenantId, { leadIds: [lead.id] });
      const updated = await tx.findOneByOrFail(LeadEntity, { id: lead.id, tenantId: auth.tenantId });
      // Who changed which fields, with the change: an update that changes nothing writes no entry.
      changed = changedLeadFields(current, updated, fields);
      if (changed.length)
        await this.activity.record(
          auth.tenantId,
          auth,
          {
            type: 'lead.updated',
            description: auth.userId ? 'A user updated a lead' : 'An API key updated a lead',
            data: { lead_id: lead.id, fields: changed },
          },
          tx,
        );
      // Its local zones changed (its time zone, or its phone's or country's): its sends held for the window in the
      // old ones are asked again in the new ones. A lead left on the campaign's (tenant's) zone before and after
      // keeps them.
      if (!sameZones(current, updated))
        await this.campaigns.unholdLeadWindowWaits(tx, auth.tenantId, lead.id, this.clock.now());
      return updated;
    });
    // Moved onto (or off) a listed address: its running campaigns' opted_out moved (after commit, not awaited).
    void this.progress.notifyLeads(auth.tenantId, flagged);
    // An update that changes nothing (a form saved again) raises nothing: no webhook, no workflow.
    if (changed.length) await this.announcements.updated(auth.tenantId, saved);
    return saved;
  }

  /** DELETE: the lead leaves every list and frees its phone and email for a new lead; its data stays. */
  async archive(auth: AuthContext, id: string): Promise<LeadEntity> {
    const lead = await this.get(auth, id);
    if (lead.archivedAt) return lead;
    return this.db.transaction(async (tx) => {
      await tx.update(
        LeadEntity,
        { id: lead.id, tenantId: auth.tenantId, archivedAt: IsNull() },
        { archivedAt: this.clock.now() },
      );
      await releaseIdentities(tx, auth.tenantId, lead.id);
      return tx.findOneByOrFail(LeadEntity, { id: lead.id, tenantId: auth.tenantId });
    });
  }

  private async insert(
    auth: AuthContext,
    input: LeadInput,
    tenant: TenantEntity,
    guard?: LeadGuard,
  ): Promise<LeadEntity> {
    const { fields } = await this.prepare(auth, tenant, input);
    const addresses = { phone: fields.phoneNormalized ?? null, email: fields.email ?? null };
    if (!addresses.phone && !addresses.email) throw leadWithoutAddress();
    return this.db.transaction(async (tx) => {
      // Turns with a do-not-contact entry added for the same address at once: this sees it, or it flags this lead.
      await lockAddresses(tx, auth.tenantId, addresses);
      if (guard) await guard(tx);
      const [blocking] = await tenantQuery<{ id: string }>(
        tx,
        auth.tenantId,
        `SELECT id FROM dnc_entries
          WHERE tenant_id = $1 AND channel = 'all' AND (phone_normalized = $2 OR email = lower($3))
          ORDER BY created_at LIMIT 1`,
        [addresses.phone, addresses.email],
      );
      if (blocking) throw onDoNotContactList(blocking.id);
      const owners = await identityOwners(tx, auth.tenantId, addresses);
      if (owners.length) throw duplicateError(owners);
      const id = uuidv7();
      await tx.insert(LeadEntity, columns({ ...fields, id, tenantId: auth.tenantId }));
      await this.withUniqueGuard(tx, auth.tenantId, addresses, () =>
        syncIdentities(tx, auth.tenantId, id, addresses),
      );
      await refreshContactFlags(tx, auth.tenantId, { leadIds: [id] });
      return tx.findOneByOrFail(LeadEntity, { id, tenantId: auth.tenantId });
    });
  }

  /** Validates and normalises input; every field problem is reported together. */
  private async prepare(
    auth: AuthContext,
    tenant: TenantEntity,
    input: LeadInput,
    current?: LeadEntity,
  ): Promise<{ fields: LeadFields }> {
    const countries = [current?.country, tenant.defaultCountry];
    const { fields, errors } = prepareLead(input, countries, current);
    if (fields.ownerId) {
      const owner = await this.db
        .getRepository(UserEntity)
        .existsBy({ id: fields.ownerId, tenantId: auth.tenantId });
      if (!owner) errors.push({ field: 'owner_id', reason: 'is not a user of this tenant' });
    }
    if (errors.length) throw invalidLead(errors);
    const qualification = current ? undefined : qualificationAfter(fields, undefined, tenant);
    if (qualification) fields.qualificationStatus = qualification;
    return { fields };
  }

  /** Two requests racing for the same address: the identity index decides, and the loser gets the 409. */
  private async withUniqueGuard(
    tx: EntityManager,
    tenantId: string,
    addresses: { phone: string | null; email: string | null },
    write: () => Promise<void>,
  ): Promise<void> {
    try {
      await tx.transaction(() => write());
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw duplicateError(await identityOwners(tx, tenantId, addresses));
    }
  }

  /** One `lead.created` event per batch, to the tenant's room (and the day's lead count to its dashboards). */
  private async announce(tenantId: string, leads: LeadEntity[]): Promise<void> {
    await this.announcements.created(tenantId, {
      count: leads.length,
      leads: leads.map((l) => ({
        id: l.id,
        name: [l.firstName, l.lastName].filter(Boolean).join(' ') || null,
        email: l.email,
        phone: l.phoneNormalized,
        source: l.source,
      })),
    });
    await this.announcements.owned(tenantId, leads);
  }
}
