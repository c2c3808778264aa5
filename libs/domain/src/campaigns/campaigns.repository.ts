import type { PageWindow } from '@app/common';
import {
  CampaignEntity,
  CampaignStatus,
  CampaignStepEntity,
  ENROLLMENT_STATUSES,
  EnrollmentStatus,
  SqlRunner,
  TenantRepository,
  assertTenantId,
  tenantQuery,
} from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { NormalizedStep } from './campaign-step-input';
import { RUNNING_STATUSES, unholdLeadsWaits, unholdWaits } from './held-waits';

/** One enrollment with what a list shows of its lead. */
export interface EnrollmentRow {
  id: string;
  campaign_id: string;
  lead_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  phone_normalized: string | null;
  status: EnrollmentStatus;
  current_step: number;
  attempts: number;
  next_action_at: Date | null;
  last_attempt_at: Date | null;
  ai_paused: boolean;
  stop_reason: string | null;
  /** How the campaign's last call to the lead ended (LAST_CALL); null before one ended. */
  last_call_disposition: string | null;
  replied_at: Date | null;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * The disposition of the last call enrollment `e` made (answered, voicemail, no_answer, busy, failed, abandoned;
 * null while it rings): a probe of `uq_calls_enrollment_attempt`. Binds the tenant as $1.
 */
export const LAST_CALL = `SELECT k.disposition FROM calls k
   WHERE k.tenant_id = $1 AND k.enrollment_id = e.id ORDER BY k.attempt DESC LIMIT 1`;

export type EnrollmentTotals = Record<EnrollmentStatus, number>;

/** Seed 001's counters of a campaign's calls to its leads (CALL steps and voice broadcasts, not agents' legs). */
export interface CampaignCallCounts {
  /** Calls the provider took (they have a call sid). */
  calls_made: number;
  /** Of those, calls that connected and ended (status completed). */
  calls_completed: number;
}

export const NO_CALLS: CampaignCallCounts = { calls_made: 0, calls_completed: 0 };

/** `$3`: an enrollment status, or null for all of them. */
const enrollmentFilter = (status?: EnrollmentStatus) =>
  status ? 'AND e.status = $3' : 'AND $3::text IS NULL';

/** Campaigns, their steps and their enrollments' reads; every method takes the tenant first. */
@Injectable()
export class CampaignsRepository extends TenantRepository<CampaignEntity> {
  constructor(
    @InjectRepository(CampaignEntity) repo: Repository<CampaignEntity>,
    @InjectRepository(CampaignStepEntity) private readonly stepRepo: Repository<CampaignStepEntity>,
  ) {
    super(repo);
  }

  /** Live (not archived) campaigns, newest first. */
  list(tenantId: string, window: PageWindow, status?: CampaignStatus): Promise<[CampaignEntity[], number]> {
    return this.findPage(tenantId, window, { archivedAt: IsNull(), ...(status ? { status } : {}) });
  }

  /**
   * The campaign's row, locked until `tx` ends: every change of a campaign's state and every enrollment goes
   * through this. FOR NO KEY UPDATE: rows that only reference the campaign (messages, enrollments' foreign-key
   * checks) are not held up.
   */
  lock(tx: EntityManager, tenantId: string, id: string): Promise<CampaignEntity | null> {
    return tx.findOne(CampaignEntity, {
      where: this.where(tenantId, { id }),
      lock: { mode: 'for_no_key_update' },
    });
  }

  /** The steps of each campaign, by position. */
  async stepsOf(
    tenantId: string,
    campaignIds: string[],
    manager?: EntityManager,
  ): Promise<Map<string, CampaignStepEntity[]>> {
    assertTenantId(tenantId);
    const byCampaign = new Map<string, CampaignStepEntity[]>(campaignIds.map((id) => [id, []]));
    if (!campaignIds.length) return byCampaign;
    const repo = manager ? manager.getRepository(CampaignStepEntity) : this.stepRepo;
    const steps = await repo.find({
      where: { tenantId, campaignId: In(campaignIds) },
      order: { campaignId: 'ASC', position: 'ASC' },
    });
    for (const step of steps) byCampaign.get(step.campaignId)?.push(step);
    return byCampaign;
  }

  /** Replaces every step of the campaign (inside the transaction that holds its row). */
  async replaceSteps(
    tx: EntityManager,
    tenantId: string,
    campaignId: string,
    steps: NormalizedStep[],
  ): Promise<void> {
    assertTenantId(tenantId);
    await tx.delete(CampaignStepEntity, { tenantId, campaignId });
    if (!steps.length) return;
    await tx.insert(
      CampaignStepEntity,
      steps.map((s) => ({
        tenantId,
        campaignId,
        position: s.position,
        type: s.type,
        content: s.content,
        subject: s.subject,
        templateName: s.template_name,
        templateLanguage: s.template_language,
        delayMinutes: s.delay_minutes,
        options: s.options,
      })) as QueryDeepPartialEntity<CampaignStepEntity>[],
    );
  }

  /** How many of the campaign's enrollments are in each status (every status present). */
  async totals(sql: SqlRunner, tenantId: string, campaignId: string): Promise<EnrollmentTotals> {
    const rows = await tenantQuery<{ status: EnrollmentStatus; n: number }>(
      sql,
      tenantId,
      `SELECT status, count(*)::int AS n FROM campaign_enrollments
        WHERE tenant_id = $1 AND campaign_id = $2 GROUP BY status`,
      [campaignId],
    );
    const totals = Object.fromEntries(ENROLLMENT_STATUSES.map((s) => [s, 0])) as EnrollmentTotals;
    for (const { status, n } of rows) totals[status] = n;
    return totals;
  }

  /** The call counters of each campaign (one grouped read on `ix_calls_tenant_campaign`); absent: no calls. */
  async callCounts(tenantId: string, campaignIds: string[]): Promise<Map<string, CampaignCallCounts>> {
    if (!campaignIds.length) return new Map();
    const rows = await tenantQuery<CampaignCallCounts & { campaign_id: string }>(
      this.repo.manager,
      tenantId,
      `SELECT campaign_id, count(*) FILTER (WHERE call_sid IS NOT NULL)::int AS calls_made,
              count(*) FILTER (WHERE status = 'completed')::int AS calls_completed
         FROM calls
        WHERE tenant_id = $1 AND campaign_id = ANY($2::uuid[]) AND kind IN ('dialer', 'broadcast')
        GROUP BY campaign_id`,
      [campaignIds],
    );
    return new Map(rows.map(({ campaign_id: id, ...counts }) => [id, counts]));
  }

  /** Of these bare custom-field names, those no lead of the tenant has (one query for them all). */
  async missingCustomFields(tenantId: string, names: string[]): Promise<string[]> {
    if (!names.length) return [];
    const rows = await tenantQuery<{ name: string }>(
      this.repo.manager,
      tenantId,
      `SELECT n.name FROM unnest($2::text[]) AS n(name)
        WHERE NOT EXISTS (SELECT 1 FROM leads l WHERE l.tenant_id = $1 AND l.custom_fields ? n.name)`,
      [names],
    );
    return rows.map((r) => r.name);
  }

  /** A page of the campaign's enrollments with their leads, and how many there are. */
  async enrollments(
    tenantId: string,
    campaignId: string,
    window: PageWindow,
    status?: EnrollmentStatus,
  ): Promise<[EnrollmentRow[], number]> {
    const [rows, [{ total }]] = await Promise.all([
      this.enrollmentRows(tenantId, campaignId, window, status),
      tenantQuery<{ total: number }>(
        this.repo.manager,
        tenantId,
        `SELECT count(*)::int AS total FROM campaign_enrollments e
          WHERE e.tenant_id = $1 AND e.campaign_id = $2 ${enrollmentFilter(status)}`,
        [campaignId, status ?? null],
      ),
    ]);
    return [rows, total];
  }

  /**
   * A page of the campaign's enrollments with their leads, in the order they were enrolled: a walk of
   * `ix_campaign_enrollments_tenant_order` that stops after the page, however many leads the campaign has.
   */
  enrollmentRows(
    tenantId: string,
    campaignId: string,
    window: PageWindow,
    status?: EnrollmentStatus,
  ): Promise<EnrollmentRow[]> {
    return tenantQuery<EnrollmentRow>(
      this.repo.manager,
      tenantId,
      `SELECT e.id, e.campaign_id, e.lead_id, l.first_name, l.last_name, l.email, l.phone, l.phone_normalized,
              e.status, e.current_step, e.attempts, e.next_action_at, e.last_attempt_at, e.ai_paused,
              e.stop_reason, last_call.disposition AS last_call_disposition, e.replied_at, e.completed_at,
              e.created_at, e.updated_at
         FROM campaign_enrollments e
         JOIN leads l ON l.tenant_id = e.tenant_id AND l.id = e.lead_id
         LEFT JOIN LATERAL (${LAST_CALL}) last_call ON true
        WHERE e.tenant_id = $1 AND e.campaign_id = $2 ${enrollmentFilter(status)}
        ORDER BY e.created_at, e.id
        LIMIT $4 OFFSET $5`,
      [campaignId, status ?? null, window.limit, window.offset],
    );
  }

  /** The campaign's window changed: the turns held outside the old one (see `unholdWaits`). */
  unholdWindowWaits(tx: EntityManager, tenantId: string, campaignId: string, now: Date): Promise<void> {
    return unholdWaits(tx, tenantId, now, `e.campaign_id = $3`, [campaignId]);
  }

  /** The lead's local zones changed (its time zone, or its phone's or country's): its held turns, as above. */
  unholdLeadWindowWaits(tx: EntityManager, tenantId: string, leadId: string, now: Date): Promise<void> {
    return unholdLeadsWaits(tx, tenantId, now, `$4::uuid`, [leadId]);
  }

  /**
   * The tenant's time zone changed: the held turns whose window is read in it (DESIGN §3b: a lead with no zone of
   * its own, from its phone or from a country in `zonedCountries`, in a campaign with no time zone), as above.
   */
  unholdTenantZoneWaits(
    tx: EntityManager,
    tenantId: string,
    zonedCountries: readonly string[],
    now: Date,
  ): Promise<void> {
    return unholdWaits(
      tx,
      tenantId,
      now,
      `e.campaign_id IN (
         SELECT c.id FROM campaigns c
          WHERE c.tenant_id = $1 AND c.status = ANY($3::varchar[]) AND c.timezone IS NULL)
       AND e.lead_id IN (
         SELECT l.id FROM leads l
          WHERE l.tenant_id = $1 AND l.timezone IS NULL AND cardinality(l.timezones) = 0
            AND (l.country IS NULL OR l.country <> ALL($4::varchar[])))`,
      [RUNNING_STATUSES, zonedCountries],
    );
  }
}
