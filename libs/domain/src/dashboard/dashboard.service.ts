import { Clock } from '@app/common';
import { Injectable } from '@nestjs/common';
import { TenantsService } from '../tenants/tenants.service';
import { ChartPeriod, DashboardPeriod, percentChange, Trend, trendOf } from './dashboard-windows';
import { DashboardRepository, VolumeBucket } from './dashboard.repository';

export interface StatFigure {
  value: number;
  /** Percent against the same hours of yesterday; null when yesterday had none. */
  change: number | null;
  trend: Trend;
}

export interface DashboardStats {
  todays_calls: StatFigure;
  whatsapp_messages: StatFigure;
  messages: StatFigure;
  active_conversations: StatFigure;
  appointments: StatFigure;
}

export interface CallVolume {
  period: ChartPeriod;
  labels: string[];
  values: number[];
  /** Minutes, one decimal; null for a bucket with no call that lasted. */
  avg_duration: (number | null)[];
}

export interface ChannelShare {
  name: string;
  channel: string;
  value: number;
  percent: number;
  color: string;
}

export interface AnalyticsOverview {
  period: DashboardPeriod;
  total_calls: number;
  total_messages: number;
  total_appointments: number;
  inbound_messages: number;
  outbound_messages: number;
  average_response_seconds: number | null;
  average_response_time: string | null;
  /** Seed 003's customerSatisfaction: Reachline records no satisfaction rating, so there is no figure to give. */
  customer_satisfaction: null;
}

export interface LeadDashboard {
  summary: {
    total_leads: number;
    qualified_leads: number;
    converted_leads: number;
    conversion_rate: number;
    total_revenue: number;
    avg_deal_size: number | null;
  };
  trends: {
    leads_this_month: number;
    leads_growth: number | null;
    revenue_this_month: number;
    revenue_growth: number | null;
  };
  source_breakdown: Record<string, number>;
}

const CHANNELS: readonly { channel: string; name: string; color: string }[] = [
  { channel: 'whatsapp', name: 'WhatsApp', color: '#25D366' },
  { channel: 'sms', name: 'SMS', color: '#007ACC' },
  { channel: 'telegram', name: 'Telegram', color: '#0088CC' },
  { channel: 'email', name: 'Email', color: '#EA4335' },
];

/**
 * The dashboards of seeds 003 and 004 from the tenant's own rows, on its clock and in its time zone: today's
 * figures against the same hours of yesterday, call volume per hour or day, messages per channel, the period's
 * totals and response time, and the lead funnel with revenue.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly repo: DashboardRepository,
    private readonly tenants: TenantsService,
    private readonly clock: Clock,
  ) {}

  async stats(tenantId: string): Promise<DashboardStats> {
    const d = await this.repo.days(tenantId, this.clock.now(), await this.zone(tenantId));
    return {
      todays_calls: figure(d.calls_today, d.calls_yesterday),
      whatsapp_messages: figure(d.whatsapp_today, d.whatsapp_yesterday),
      messages: figure(d.messages_today, d.messages_yesterday),
      active_conversations: figure(d.conversations_today, d.conversations_yesterday),
      appointments: figure(d.appointments_today, d.appointments_yesterday),
    };
  }

  async callVolume(tenantId: string, period: ChartPeriod): Promise<CallVolume> {
    const buckets = await this.repo.callVolume(tenantId, this.clock.now(), await this.zone(tenantId), period);
    return {
      period,
      labels: buckets.map((b) => b.label),
      values: buckets.map((b) => b.calls),
      avg_duration: buckets.map(minutes),
    };
  }

  async messageDistribution(tenantId: string, period: DashboardPeriod): Promise<ChannelShare[]> {
    const rows = await this.repo.byChannel(tenantId, this.clock.now(), await this.zone(tenantId), period);
    const counts = new Map(rows.map((r) => [r.channel, r.n]));
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    return CHANNELS.map(({ channel, name, color }) => {
      const value = counts.get(channel) ?? 0;
      return { name, channel, value, percent: total ? Math.round((value / total) * 1000) / 10 : 0, color };
    });
  }

  async overview(tenantId: string, period: DashboardPeriod): Promise<AnalyticsOverview> {
    const t = await this.repo.totals(tenantId, this.clock.now(), await this.zone(tenantId), period);
    return {
      period,
      total_calls: t.calls,
      total_messages: t.messages,
      total_appointments: t.appointments,
      inbound_messages: t.inbound_messages,
      outbound_messages: t.outbound_messages,
      average_response_seconds: t.avg_response_seconds,
      average_response_time: t.avg_response_seconds === null ? null : spoken(t.avg_response_seconds),
      customer_satisfaction: null,
    };
  }

  async leads(tenantId: string): Promise<LeadDashboard> {
    const now = this.clock.now();
    const zone = await this.zone(tenantId);
    const [l, sources] = await Promise.all([
      this.repo.leads(tenantId, now, zone),
      this.repo.sources(tenantId, now),
    ]);
    const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : null);
    return {
      summary: {
        total_leads: l.total,
        qualified_leads: l.qualified,
        converted_leads: l.converted,
        conversion_rate: ratio(l.converted, l.total) ?? 0,
        total_revenue: cents(l.revenue),
        avg_deal_size: l.converted ? cents(l.revenue / l.converted) : null,
      },
      trends: {
        leads_this_month: l.this_month,
        leads_growth: ratio(l.this_month - l.last_month, l.last_month),
        revenue_this_month: cents(l.revenue_this_month),
        revenue_growth: ratio(l.revenue_this_month - l.revenue_last_month, l.revenue_last_month),
      },
      source_breakdown: Object.fromEntries(
        sources.map((s) => [s.source, l.total ? Math.round((s.n / l.total) * 1000) / 10 : 0]),
      ),
    };
  }

  /**
   * The tenant's zone as Postgres reads it: the runtime's canonical name for it. Postgres refuses some names the API
   * takes (CTT) and reads others as abbreviations of another zone (ACT is UTC-5 there, Darwin here).
   */
  private async zone(tenantId: string): Promise<string> {
    const zone = (await this.tenants.get(tenantId)).timezone || 'UTC';
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  }
}

function figure(now: number, before: number): StatFigure {
  return { value: now, change: percentChange(now, before), trend: trendOf(now, before) };
}

function minutes(bucket: VolumeBucket): number | null {
  return bucket.avg_duration_seconds === null ? null : Math.round(bucket.avg_duration_seconds / 6) / 10;
}

function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** 150 s as "2.5 minutes"; under a minute in seconds, from two hours in hours. */
function spoken(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  if (seconds < 7200) return `${Math.round(seconds / 6) / 10} minutes`;
  return `${Math.round(seconds / 360) / 10} hours`;
}
