import { AppError, Clock } from '@app/common';
import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { getAllCountries, getCountry } from 'countries-and-timezones';
import { SendWindow, windowState } from './send-window';
import { whatsappWindow } from './whatsapp-window';

export type PolicyChannel = 'sms' | 'whatsapp' | 'telegram' | 'email' | 'voice';
export type PolicyRule =
  'do_not_contact' | 'opted_out' | 'whatsapp_window' | 'no_address' | 'archived' | 'outside_window';
export type PolicyVerdict =
  | { allowed: true }
  | {
      allowed: false;
      rule: PolicyRule;
      message: string;
      /** `outside_window`: when the window next opens in every zone of the lead (null: never within 8 days). */
      next_open_at?: Date | null;
    };

export interface PolicyOptions {
  /** An approved template: allowed outside WhatsApp's 24-hour window. */
  template?: boolean;
  /** The one confirmation of an opt-out goes to a lead that has just opted out (DESIGN §7.1). */
  exempt?: 'opt_out_confirmation';
  /**
   * A campaign's (or the dialer's) window in the lead's local time (DESIGN §3b, §7.2); `zone` when none is known
   * (the tenant's when not given). `hours: {}` is the 08:00-21:00 bound alone.
   */
  window?: { hours: SendWindow; zone?: string };
}

/** The verdict plus the lead's address on the channel, for the sender. */
export interface PolicyEvaluation {
  verdict: PolicyVerdict;
  address: string | null;
}

/** What the policy reads of a lead for a channel (policySql). */
export interface PolicyRow {
  archived_at: Date | null;
  do_not_call: boolean;
  opted_out_channels: string[];
  phone_normalized: string | null;
  email: string | null;
  whatsapp: string | null;
  telegram: string | null;
  dnc: boolean;
  /** Listed by more than the person's own STOP on this channel: for all channels, or for another reason. */
  dnc_beyond_stop: boolean;
  last_inbound_at: Date | null;
  timezone: string | null;
  timezones: string[];
  country: string | null;
  tenant_timezone: string;
}

/**
 * The policy's read (PolicyRow) of the lead `lead` for the channel `channel` (SQL expressions or parameters; the
 * tenant is `$1`): a statement of its own (evaluate), or a LATERAL of the read of the job it serves (the campaign
 * step's load, the sender's read), `when` a condition of that read under which it is wanted.
 */
export function policySql(lead: string, channel: string, when = 'true'): string {
  return `SELECT l.archived_at, l.do_not_call, l.opted_out_channels, l.phone_normalized, lower(l.email) AS email,
              l.timezone, l.timezones, l.country,
              (SELECT t.timezone FROM tenants t WHERE t.id = l.tenant_id) AS tenant_timezone,
              -- The newest of the lead's WhatsApp numbers (Telegram chats): a phone changed since, a new one.
              (SELECT i.address FROM lead_identities i
                WHERE i.tenant_id = $1 AND i.lead_id = l.id AND i.channel = 'whatsapp'
                ORDER BY i.created_at DESC LIMIT 1) AS whatsapp,
              (SELECT i.address FROM lead_identities i
                WHERE i.tenant_id = $1 AND i.lead_id = l.id AND i.channel = 'telegram'
                ORDER BY i.created_at DESC LIMIT 1) AS telegram,
              d.dnc, d.dnc_beyond_stop,
              (SELECT coalesce(c.last_inbound_sent_at, c.last_inbound_at) FROM conversations c
                WHERE c.tenant_id = $1 AND c.lead_id = l.id AND c.channel = ${channel}) AS last_inbound_at
         FROM leads l,
              LATERAL (SELECT count(*) > 0 AS dnc,
                              coalesce(bool_or(d.channel = 'all' OR d.reason <> 'stop_keyword'), false)
                                AS dnc_beyond_stop
                         FROM dnc_entries d
                        WHERE d.tenant_id = $1 AND d.channel IN ('all', ${channel})
                          -- One array of the lead's numbers (its phone, the WhatsApp numbers it wrote from),
                          -- so both halves stay index scans: an IN (subquery) here read the tenant's whole list.
                          AND (d.phone_normalized = ANY(l.phone_normalized || ARRAY(
                                 SELECT w.address FROM lead_identities w
                                  WHERE w.tenant_id = $1 AND w.lead_id = l.id AND w.channel = 'whatsapp')::varchar[])
                            OR d.email = lower(l.email))) d
        WHERE l.tenant_id = $1 AND l.id = ${lead} AND ${when}`;
}

/** A PolicyRow read as JSON (`to_jsonb` of the LATERAL): its times as the Dates a statement of its own answers. */
export function policyRowOf(json: PolicyRow | null | undefined): PolicyRow | null {
  if (!json) return null;
  const time = (value: Date | string | null) => (value === null ? null : new Date(value));
  return { ...json, archived_at: time(json.archived_at), last_inbound_at: time(json.last_inbound_at) };
}

const refuse = (rule: PolicyRule, message: string): PolicyVerdict => ({ allowed: false, rule, message });
const listed = (channel: PolicyChannel) =>
  refuse('do_not_contact', `The lead is on the do-not-contact list for ${channel}`);

/**
 * The one contact-policy check (DESIGN §7.1, §7.4): may this lead be contacted on this channel now, and if not,
 * which rule says no. Every send goes through it; the campaign and dialer issues add their windows here.
 */
@Injectable()
export class ContactPolicyService {
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly clock: Clock,
  ) {
    this.sql = fastSql(db);
  }

  async check(
    tenantId: string,
    leadId: string,
    channel: PolicyChannel,
    options: PolicyOptions = {},
  ): Promise<PolicyVerdict> {
    return (await this.evaluate(tenantId, leadId, channel, options)).verdict;
  }

  /** The verdict and the address to use; a lead that is not the tenant's is a 404. */
  async evaluate(
    tenantId: string,
    leadId: string,
    channel: PolicyChannel,
    options: PolicyOptions = {},
  ): Promise<PolicyEvaluation> {
    const [row] = await tenantQuery<PolicyRow>(this.sql, tenantId, policySql('$2', '$3'), [leadId, channel]);
    if (!row) throw AppError.notFound('Lead');
    return this.evaluateRow(row, channel, options);
  }

  /**
   * The verdict and the address from the lead's PolicyRow, read by the caller's own statement (policySql as a
   * LATERAL of the step's or the send's read) instead of one of its own: the same check, one round trip fewer.
   */
  evaluateRow(row: PolicyRow, channel: PolicyChannel, options: PolicyOptions = {}): PolicyEvaluation {
    const address = addressOf(row, channel);
    return { verdict: this.judge(row, channel, address, options), address };
  }

  /**
   * A number no lead has yet, before a lead is made for it to be sent to (POST sms/send): listed on the
   * do-not-contact list for all channels or for this one, it is refused as a listed lead would be. `runner`: read in
   * the caller's transaction (the lead's creation, under its address locks).
   */
  async checkNumber(
    tenantId: string,
    phone: string,
    channel: PolicyChannel,
    runner: SqlRunner = this.sql,
  ): Promise<PolicyVerdict> {
    const [row] = await tenantQuery<{ id: string }>(
      runner,
      tenantId,
      `SELECT id FROM dnc_entries
        WHERE tenant_id = $1 AND phone_normalized = $2 AND channel IN ('all', $3) LIMIT 1`,
      [phone, channel],
    );
    return row ? listed(channel) : { allowed: true };
  }

  private judge(
    row: PolicyRow,
    channel: PolicyChannel,
    address: string | null,
    options: PolicyOptions,
  ): PolicyVerdict {
    if (row.archived_at) return refuse('archived', 'The lead is archived');
    if (options.exempt === 'opt_out_confirmation') {
      // The confirmation of a STOP passes that STOP only: not a listing for all channels, or one for another reason.
      if (row.dnc_beyond_stop) return listed(channel);
    } else {
      if (row.dnc) return listed(channel);
      if (channel === 'voice' && row.do_not_call)
        return refuse('do_not_contact', 'The lead is marked do not call');
      if (row.opted_out_channels.includes(channel))
        return refuse('opted_out', `The lead opted out of ${channel}`);
    }
    if (!address) return refuse('no_address', `The lead has no address for ${channel}`);
    if (channel === 'whatsapp' && !options.template) {
      const window = whatsappWindow(row.last_inbound_at, this.clock.now());
      if (!window.open)
        return refuse(
          'whatsapp_window',
          "WhatsApp free-form messages go only within 24 hours of the lead's last message; send a template",
        );
    }
    if (options.window) {
      const zones = leadZones(row, options.window.zone ?? row.tenant_timezone);
      const state = windowState(options.window.hours, zones, this.clock.now());
      if (!state.open)
        return {
          allowed: false,
          rule: 'outside_window',
          message: "Outside the campaign's sending window in the lead's local time",
          next_open_at: state.next_open_at,
        };
    }
    return { allowed: true };
  }
}

/** DESIGN §3b: the lead's zone, else the zones its number can be in, else its country's, else the campaign's. */
export function leadZones(
  lead: { timezone: string | null; timezones: string[]; country: string | null },
  fallback: string,
): string[] {
  if (lead.timezone) return [lead.timezone];
  if (lead.timezones.length) return lead.timezones;
  const country = lead.country ? getCountry(lead.country)?.timezones : undefined;
  return country?.length ? country : [fallback];
}

/** The countries `leadZones` takes zones from: a lead with none of these, no zone and no phone zones has `fallback`. */
export const ZONED_COUNTRIES: readonly string[] = Object.keys(getAllCountries()).filter(
  (id) => (getCountry(id)?.timezones.length ?? 0) > 0,
);

/** The zones of each of ZONED_COUNTRIES, as JSON: the parameter `leadZonesSql` reads them from. */
export const COUNTRY_ZONES_JSON = JSON.stringify(
  Object.fromEntries(ZONED_COUNTRIES.map((id) => [id, getCountry(id)?.timezones ?? []])),
);

/**
 * `leadZones` in SQL, as a jsonb array, of the leads row `row` (or a row with its timezone, timezones and country
 * columns); `countryZones` is the parameter holding COUNTRY_ZONES_JSON. The fallback is the empty array.
 */
export function leadZonesSql(row: string, countryZones: string): string {
  return `CASE WHEN ${row}.timezone <> '' THEN jsonb_build_array(${row}.timezone)
               WHEN cardinality(${row}.timezones) > 0 THEN to_jsonb(${row}.timezones)
               ELSE coalesce(${countryZones}::jsonb -> ${row}.country::text, '[]') END`;
}

function addressOf(row: PolicyRow, channel: PolicyChannel): string | null {
  switch (channel) {
    case 'sms':
    case 'voice':
      return row.phone_normalized;
    case 'whatsapp':
      return row.whatsapp ?? row.phone_normalized;
    case 'email':
      return row.email;
    case 'telegram':
      return row.telegram;
  }
}
