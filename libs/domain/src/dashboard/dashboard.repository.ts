import { tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NOT_UNDECIDED_OFFER_SQL } from '../calls/call-filter';
import { ChartPeriod, DashboardPeriod, periodStartSql } from './dashboard-windows';

/**
 * Calls to and from people: every kind but an agent's own leg of a bridged call, and no preview offer its agent has
 * not dialed yet (a placeholder a skip or its expiry deletes), as GET calls and the call statistics count them.
 */
const PEOPLE_CALLS = `c.kind <> 'agent_leg' AND ${NOT_UNDECIDED_OFFER_SQL}`;

/**
 * Today so far and the same hours of yesterday, on the tenant's clock ($2 now, $3 zone): each bound is a wall-clock
 * time of the zone, so a day across a DST change keeps its local midnights and hours (a day is not 24 hours).
 */
const DAYS = `
  d AS (SELECT $2::timestamptz AT TIME ZONE $3 AS local_now),
  w AS (SELECT date_trunc('day', d.local_now) AT TIME ZONE $3 AS today,
               (date_trunc('day', d.local_now) - interval '1 day') AT TIME ZONE $3 AS yesterday,
               (d.local_now - interval '1 day') AT TIME ZONE $3 AS yesterday_now,
               (date_trunc('day', d.local_now) + interval '1 day') AT TIME ZONE $3 AS tomorrow
          FROM d)`;

export interface DayCounts {
  calls_today: number;
  calls_yesterday: number;
  whatsapp_today: number;
  whatsapp_yesterday: number;
  messages_today: number;
  messages_yesterday: number;
  conversations_today: number;
  conversations_yesterday: number;
  appointments_today: number;
  appointments_yesterday: number;
}

export interface VolumeBucket {
  label: string;
  calls: number;
  avg_duration_seconds: number | null;
}

export interface PeriodTotals {
  calls: number;
  /** Appointments starting in the period's local days, the rest of today included; cancelled ones left out. */
  appointments: number;
  messages: number;
  inbound_messages: number;
  outbound_messages: number;
  avg_response_seconds: number | null;
}

export interface LeadFigures {
  total: number;
  qualified: number;
  converted: number;
  revenue: number;
  this_month: number;
  last_month: number;
  revenue_this_month: number;
  revenue_last_month: number;
}

/**
 * The dashboards' counts (seeds 003 and 004), each one statement over the tenant's own rows, on the tenant's clock:
 * `now` is the platform's time and `zone` the tenant's, so "today" is the tenant's day.
 */
@Injectable()
export class DashboardRepository {
  constructor(private readonly sql: DataSource) {}

  /**
   * Today so far against the same hours of yesterday: calls, WhatsApp messages, messages, conversations; and the
   * appointments of the whole of today against the whole of yesterday (a schedule is known ahead), cancelled ones
   * left out.
   */
  async days(tenantId: string, now: Date, zone: string): Promise<DayCounts> {
    const [row] = await tenantQuery<DayCounts>(
      this.sql,
      tenantId,
      `WITH ${DAYS},
       calls AS (
         SELECT count(*) FILTER (WHERE c.created_at >= w.today)::int AS today,
                count(*) FILTER (WHERE c.created_at < w.today)::int AS yesterday
           FROM calls c, w
          WHERE c.tenant_id = $1 AND ${PEOPLE_CALLS} AND c.created_at >= w.yesterday AND c.created_at <= $2
            AND (c.created_at >= w.today OR c.created_at < w.yesterday_now)),
       msgs AS (
         SELECT m.channel, m.conversation_id, m.created_at >= w.today AS is_today
           FROM messages m, w
          WHERE m.tenant_id = $1 AND m.created_at >= w.yesterday AND m.created_at <= $2
            AND (m.created_at >= w.today OR m.created_at < w.yesterday_now)),
       appts AS (
         SELECT count(*) FILTER (WHERE a.starts_at >= w.today)::int AS today,
                count(*) FILTER (WHERE a.starts_at < w.today)::int AS yesterday
           FROM appointments a, w
          WHERE a.tenant_id = $1 AND a.starts_at >= w.yesterday AND a.starts_at < w.tomorrow
            AND a.status <> 'cancelled')
       SELECT calls.today AS calls_today, calls.yesterday AS calls_yesterday,
              appts.today AS appointments_today, appts.yesterday AS appointments_yesterday,
              (SELECT count(*) FILTER (WHERE is_today AND channel = 'whatsapp') FROM msgs)::int AS whatsapp_today,
              (SELECT count(*) FILTER (WHERE NOT is_today AND channel = 'whatsapp') FROM msgs)::int
                AS whatsapp_yesterday,
              (SELECT count(*) FILTER (WHERE is_today) FROM msgs)::int AS messages_today,
              (SELECT count(*) FILTER (WHERE NOT is_today) FROM msgs)::int AS messages_yesterday,
              (SELECT count(DISTINCT conversation_id) FILTER (WHERE is_today) FROM msgs)::int AS conversations_today,
              (SELECT count(DISTINCT conversation_id) FILTER (WHERE NOT is_today) FROM msgs)::int
                AS conversations_yesterday
         FROM calls, appts`,
      [now, zone],
    );
    return row;
  }

  /**
   * Calls per hour of today, or per day of the last 7 or 30 days, with their average length (answered ones). A call
   * goes in the bucket of its local hour (or day): on the day clocks fall back, both 01:00 hours are the 01:00 bucket.
   */
  async callVolume(tenantId: string, now: Date, zone: string, period: ChartPeriod): Promise<VolumeBucket[]> {
    const hourly = period === 'today';
    return tenantQuery<VolumeBucket>(
      this.sql,
      tenantId,
      `WITH b AS (
         SELECT g AS local_start
           FROM generate_series(${periodStartSql(period)} AT TIME ZONE $3,
                                date_trunc($5, $2::timestamptz AT TIME ZONE $3), $4::interval) g),
       k AS (
         SELECT date_trunc($5, c.created_at AT TIME ZONE $3) AS local_start, count(*)::int AS calls,
                round(avg(c.duration) FILTER (WHERE c.duration > 0))::int AS avg_duration_seconds
           FROM calls c
          WHERE c.tenant_id = $1 AND ${PEOPLE_CALLS} AND c.created_at >= ${periodStartSql(period)}
            AND c.created_at <= $2
          GROUP BY 1)
       SELECT to_char(b.local_start, $6) AS label, coalesce(k.calls, 0) AS calls, k.avg_duration_seconds
         FROM b LEFT JOIN k ON k.local_start = b.local_start
        ORDER BY b.local_start`,
      [now, zone, hourly ? '1 hour' : '1 day', hourly ? 'hour' : 'day', hourly ? 'HH24:00' : 'YYYY-MM-DD'],
    );
  }

  /** Messages per channel in the period (both directions). */
  async byChannel(
    tenantId: string,
    now: Date,
    zone: string,
    period: DashboardPeriod,
  ): Promise<{ channel: string; n: number }[]> {
    return tenantQuery<{ channel: string; n: number }>(
      this.sql,
      tenantId,
      `SELECT m.channel, count(*)::int AS n FROM messages m
        WHERE m.tenant_id = $1 AND m.created_at >= ${periodStartSql(period)} AND m.created_at <= $2
        GROUP BY m.channel`,
      [now, zone],
    );
  }

  /**
   * The period's calls and messages, and how fast the team answers: for each answer (the next outbound message of a
   * conversation by a person or the AI after inbound ones; not a campaign's next step nor an opt-out confirmation,
   * which the platform sends), the time since the first inbound message of the period it answers: a lead who wrote
   * three times before the answer waited once, from their first message. Averaged over the answers.
   */
  async totals(tenantId: string, now: Date, zone: string, period: DashboardPeriod): Promise<PeriodTotals> {
    const [row] = await tenantQuery<PeriodTotals>(
      this.sql,
      tenantId,
      `WITH s AS (SELECT ${periodStartSql(period)} AS start_at),
       msgs AS (
         SELECT m.id, m.conversation_id, m.direction, m.created_at FROM messages m, s
          WHERE m.tenant_id = $1 AND m.created_at >= s.start_at AND m.created_at <= $2)
       SELECT (SELECT count(*) FROM calls c, s
                WHERE c.tenant_id = $1 AND ${PEOPLE_CALLS} AND c.created_at >= s.start_at AND c.created_at <= $2)::int
                AS calls,
              (SELECT count(*) FROM appointments a, s
                WHERE a.tenant_id = $1 AND a.status <> 'cancelled' AND a.starts_at >= s.start_at
                  AND a.starts_at < (date_trunc('day', $2::timestamptz AT TIME ZONE $3) + interval '1 day')
                                    AT TIME ZONE $3)::int AS appointments,
              (SELECT count(*) FROM msgs)::int AS messages,
              (SELECT count(*) FILTER (WHERE direction = 'inbound') FROM msgs)::int AS inbound_messages,
              (SELECT count(*) FILTER (WHERE direction = 'outbound') FROM msgs)::int AS outbound_messages,
              (SELECT round(avg(extract(epoch FROM w.answered_at - w.asked_at)))::int
                 FROM (SELECT r.created_at AS answered_at, min(i.created_at) AS asked_at
                         FROM msgs i
                         CROSS JOIN LATERAL (
                           SELECT o.id, o.created_at FROM messages o
                            WHERE o.tenant_id = $1 AND o.conversation_id = i.conversation_id
                              AND o.direction = 'outbound' AND o.sender IN ('agent', 'ai')
                              AND o.created_at > i.created_at AND o.created_at <= $2
                            ORDER BY o.created_at, o.id LIMIT 1) r
                        WHERE i.direction = 'inbound'
                        GROUP BY r.id, r.created_at) w) AS avg_response_seconds`,
      [now, zone],
    );
    return row;
  }

  /** Seed 004's lead figures: the live leads, this local month's and last month's. */
  async leads(tenantId: string, now: Date, zone: string): Promise<LeadFigures> {
    const [row] = await tenantQuery<LeadFigures>(
      this.sql,
      tenantId,
      `WITH m AS (SELECT (date_trunc('month', $2::timestamptz AT TIME ZONE $3) AT TIME ZONE $3) AS this_month,
                         ((date_trunc('month', $2::timestamptz AT TIME ZONE $3) - interval '1 month')
                           AT TIME ZONE $3) AS last_month),
       l AS (SELECT l.status, l.qualification_status, l.value, l.created_at FROM leads l
              WHERE l.tenant_id = $1 AND l.archived_at IS NULL AND l.created_at <= $2)
       SELECT count(*)::int AS total,
              count(*) FILTER (WHERE l.status IN ('qualified', 'converted')
                                  OR l.qualification_status IN ('qualified', 'meeting_requested'))::int AS qualified,
              count(*) FILTER (WHERE l.status = 'converted')::int AS converted,
              coalesce(sum(l.value) FILTER (WHERE l.status = 'converted'), 0)::float AS revenue,
              count(*) FILTER (WHERE l.created_at >= m.this_month)::int AS this_month,
              count(*) FILTER (WHERE l.created_at >= m.last_month AND l.created_at < m.this_month)::int AS last_month,
              coalesce(sum(l.value) FILTER (WHERE l.status = 'converted' AND l.created_at >= m.this_month), 0)::float
                AS revenue_this_month,
              coalesce(sum(l.value) FILTER (WHERE l.status = 'converted' AND l.created_at >= m.last_month
                                              AND l.created_at < m.this_month), 0)::float AS revenue_last_month
         FROM l, m`,
      [now, zone],
    );
    return row;
  }

  /**
   * The live leads by source (none: `unknown`), most first. Sources count in any case, as the leads' `source`
   * filter matches them ("Web" and "web" are one slice, the one `?source=web` lists), each named as most of its
   * leads spell it.
   */
  async sources(tenantId: string, now: Date): Promise<{ source: string; n: number }[]> {
    return tenantQuery<{ source: string; n: number }>(
      this.sql,
      tenantId,
      `SELECT coalesce(mode() WITHIN GROUP (ORDER BY nullif(l.source, '')), 'unknown') AS source,
              count(*)::int AS n
         FROM leads l
        WHERE l.tenant_id = $1 AND l.archived_at IS NULL AND l.created_at <= $2
        GROUP BY lower(nullif(l.source, ''))
        ORDER BY 2 DESC, 1`,
      [now],
    );
  }
}
