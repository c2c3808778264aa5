import { SqlRunner, tenantQuery } from '@app/db';
import type { CampaignStatus } from '@app/db';
import type { PolicyChannel } from '../contact-policy/contact-policy.service';

/** Leads are enrolled in these statuses only; a completed or cancelled campaign takes no more. */
export const ENROLLABLE_STATUSES: readonly CampaignStatus[] = ['draft', 'scheduled', 'active', 'paused'];

/** The lowest uuid: where a keyset over ids starts. */
export const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

/** One INSERT ... SELECT per batch of this many leads (DESIGN §1: set-based, never a query per lead). */
export const ENROLL_BATCH = 10_000;

export interface EnrollmentSkips {
  do_not_contact: number;
  opted_out: number;
  no_address: number;
  archived: number;
  not_found: number;
}

/** What an enrollment did: leads enrolled now, leads already in the campaign, leads refused and why. */
export interface EnrollmentCounts {
  enrolled: number;
  already_enrolled: number;
  skipped: EnrollmentSkips;
}

export const NO_ENROLLMENTS: EnrollmentCounts = {
  enrolled: 0,
  already_enrolled: 0,
  skipped: { do_not_contact: 0, opted_out: 0, no_address: 0, archived: 0, not_found: 0 },
};

export function addEnrollments(a: EnrollmentCounts, b: EnrollmentCounts): EnrollmentCounts {
  const skipped = { ...a.skipped };
  for (const key of Object.keys(skipped) as (keyof EnrollmentSkips)[]) skipped[key] += b.skipped[key];
  return {
    enrolled: a.enrolled + b.enrolled,
    already_enrolled: a.already_enrolled + b.already_enrolled,
    skipped,
  };
}

/** Where leads go: the campaign, the channel the contact policy is asked about, and when they act first. */
export interface EnrollTarget {
  tenantId: string;
  campaignId: string;
  /** The first message step's channel; null (no message step yet): only archived leads are refused. */
  channel: PolicyChannel | null;
  /** NULL while the campaign is a draft; else greatest(now, schedule_start). */
  nextActionAt: Date | null;
  /**
   * The first step is due at `nextActionAt` (now) and the caller's fan-out queues the step jobs: leads are enrolled
   * `queued` at once, stamped `updated_at = nextActionAt` (`launchQueuedAt`), instead of `pending` for a claim to
   * write each row a second time. Only a launch does this; every other enrollment is claimed by the scheduler.
   */
  queued?: boolean;
}

/** `greatest(now, schedule_start)` once the campaign has started; NULL in a draft. */
export function firstActionAt(
  campaign: { status: CampaignStatus; scheduleStart: Date | null },
  now: Date,
): Date | null {
  if (campaign.status === 'draft') return null;
  const start = campaign.scheduleStart;
  return start && start.getTime() > now.getTime() ? start : now;
}

/**
 * The leads to enroll: a SELECT answering, per requested lead, `req` (the id asked for) and the lead's columns
 * the policy reads (`id` NULL when no lead of the tenant has that id): LEAD_COLUMNS. Its own parameters start
 * at $6 (`$1` is the tenant).
 */
export interface LeadSource {
  sql: string;
  params: unknown[];
}

/** What the statement reads of a lead (alias `l`). */
export const LEAD_COLUMNS =
  'l.id, l.archived_at, l.do_not_call, l.opted_out_channels, l.phone_normalized, l.email';

/** The parameters the statement itself takes before the source's. */
export const SOURCE_PARAMS_FROM = 6;

/** Lead ids sent by the client (deduplicated): a lead that is not the tenant's counts as not found. */
export function idSource(ids: string[]): LeadSource {
  return {
    sql: `SELECT x.id AS req, ${LEAD_COLUMNS}
            FROM unnest($6::uuid[]) AS x(id)
            LEFT JOIN leads l ON l.tenant_id = $1 AND l.id = x.id`,
    params: [ids],
  };
}

/**
 * Renumbers a query built elsewhere (its `$1`... ) to follow the statement's own parameters, for `LeadSource`.
 * Only for generated SQL whose values are all parameters (no `$` in a literal).
 */
export function shiftParams(sql: string, by = SOURCE_PARAMS_FROM - 1): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);
}

interface StatementRow {
  picked: number;
  last_id: string | null;
  enrolled: number;
  already_enrolled: number;
  do_not_contact: number;
  opted_out: number;
  no_address: number;
  archived: number;
  not_found: number;
}

/**
 * The contact policy of ContactPolicyService.judge, in SQL, in its order: archived, do-not-contact (an entry for
 * the channel or all on the lead's phone or email; `do_not_call` for voice), opted out of the channel, no address
 * on it. The WhatsApp 24-hour window is the sender's business, not enrollment's. The do-not-contact probes run
 * only when the tenant has entries for the channel at all (an init plan, evaluated once).
 */
const STATEMENT = (source: string) => `
  WITH src AS MATERIALIZED (${source}),
  cand AS (
    SELECT l.id,
      CASE
        WHEN l.id IS NULL THEN 'not_found'
        WHEN EXISTS (SELECT 1 FROM campaign_enrollments e
                      WHERE e.tenant_id = $1 AND e.campaign_id = $2 AND e.lead_id = l.id) THEN 'already_enrolled'
        WHEN l.archived_at IS NOT NULL THEN 'archived'
        WHEN $3::text IS NULL THEN NULL
        WHEN (SELECT EXISTS (SELECT 1 FROM dnc_entries WHERE tenant_id = $1 AND channel IN ('all', $3::text)))
         AND (EXISTS (SELECT 1 FROM dnc_entries d
                       WHERE d.tenant_id = $1 AND d.channel IN ('all', $3::text)
                         AND d.phone_normalized = l.phone_normalized)
           OR EXISTS (SELECT 1 FROM dnc_entries d
                       WHERE d.tenant_id = $1 AND d.channel IN ('all', $3::text) AND d.email = lower(l.email)))
          THEN 'do_not_contact'
        WHEN $3::text = 'voice' AND l.do_not_call THEN 'do_not_contact'
        WHEN $3::text = ANY (l.opted_out_channels) THEN 'opted_out'
        WHEN CASE $3::text
               WHEN 'email' THEN l.email IS NULL
               WHEN 'telegram' THEN NOT EXISTS (SELECT 1 FROM lead_identities i
                                                 WHERE i.tenant_id = $1 AND i.lead_id = l.id AND i.channel = 'telegram')
               WHEN 'whatsapp' THEN l.phone_normalized IS NULL
                                AND NOT EXISTS (SELECT 1 FROM lead_identities i
                                                 WHERE i.tenant_id = $1 AND i.lead_id = l.id AND i.channel = 'whatsapp')
               ELSE l.phone_normalized IS NULL
             END THEN 'no_address'
      END AS refusal
    FROM src l
  ),
  -- Writers hold the campaign's row, so the probe above sees every enrollment of it; one that does not (or an
  -- enrollment committed since this statement's snapshot) is skipped here, counted as already enrolled.
  added AS (
    INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, next_action_at, status, updated_at)
    SELECT $1, $2, c.id, $4::timestamptz, CASE WHEN $5::boolean THEN 'queued' ELSE 'pending' END,
           CASE WHEN $5::boolean THEN $4::timestamptz ELSE now() END
      FROM cand c WHERE c.refusal IS NULL ORDER BY c.id
    ON CONFLICT (tenant_id, campaign_id, lead_id) DO NOTHING
    RETURNING 1
  ),
  -- A data-modifying WITH runs to completion whether or not the query reads it.
  counted AS (
    UPDATE campaigns SET total_leads = total_leads + (SELECT count(*) FROM added)
     WHERE tenant_id = $1 AND id = $2
  )
  SELECT count(*)::int AS picked,
         (SELECT s.req FROM src s ORDER BY s.req DESC LIMIT 1) AS last_id,
         (SELECT count(*)::int FROM added) AS enrolled,
         (count(*) FILTER (WHERE refusal = 'already_enrolled' OR refusal IS NULL)
           - (SELECT count(*) FROM added))::int AS already_enrolled,
         count(*) FILTER (WHERE refusal = 'do_not_contact')::int AS do_not_contact,
         count(*) FILTER (WHERE refusal = 'opted_out')::int AS opted_out,
         count(*) FILTER (WHERE refusal = 'no_address')::int AS no_address,
         count(*) FILTER (WHERE refusal = 'archived')::int AS archived,
         count(*) FILTER (WHERE refusal = 'not_found')::int AS not_found
    FROM cand`;

/**
 * Enrolls the leads of `source` in one statement: the policy's refusals are counted and skipped, a lead already in
 * the campaign (or enrolled by a concurrent writer) is counted, and `campaigns.total_leads` grows by what was
 * added. Run it in the transaction that holds the campaign's row (CampaignsRepository.lock, or FOR NO KEY UPDATE):
 * writers of one campaign take turns, and an enrollment into an active campaign takes turns with its completion.
 * Answers the counts, how many ids the source gave and the highest (the next batch's keyset).
 */
export async function enrollFrom(
  sql: SqlRunner,
  target: EnrollTarget,
  source: LeadSource,
): Promise<EnrollmentCounts & { picked: number; last_id: string | null }> {
  // Short statements over a known shape: compiling them (JIT) costs more than it saves.
  await sql.query('SET LOCAL jit = off');
  const [row] = await tenantQuery<StatementRow>(sql, target.tenantId, STATEMENT(source.sql), [
    target.campaignId,
    target.channel,
    target.nextActionAt,
    Boolean(target.queued && target.nextActionAt),
    ...source.params,
  ]);
  return {
    picked: row.picked,
    last_id: row.last_id,
    enrolled: row.enrolled,
    already_enrolled: row.already_enrolled,
    skipped: {
      do_not_contact: row.do_not_contact,
      opted_out: row.opted_out,
      no_address: row.no_address,
      archived: row.archived,
      not_found: row.not_found,
    },
  };
}
