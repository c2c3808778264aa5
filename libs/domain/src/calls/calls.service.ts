import { AppError, Clock, FieldIssue, Page, PageWindow, invalidInput, withArticle } from '@app/common';
import type { CallEntity, CallOutcome } from '@app/db';
import { callStatusEvent, LiveEvents } from '@app/events';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { DncService } from '../dnc/dnc.service';
import { normalizePhone } from '../leads/phone-normalizer';
import { TenantsService } from '../tenants/tenants.service';
import { CallFilter, CallRange, CallScope, checkRange } from './call-filter';
import {
  CallUpdateInput,
  manualCallState,
  manualLogStatus,
  ManualCallInput,
  parseDuration,
} from './call-input';
import { CallRow, CallsRepository, CallSummary, DispositionCount } from './calls.repository';

/** The filters of the statistics routes. */
export type CallStatsFilter = Pick<CallFilter, 'campaign_id' | 'agent_id'> & CallRange;

/**
 * The Calls API (issue 6 item 8): lists, statistics, manual logs (seed 003) and their updates. Lists and
 * statistics count a lead's calls only (never an agent's leg); an agent-role caller sees only the calls of its
 * own agent profile, and anything else answers 404.
 */
@Injectable()
export class CallsService {
  constructor(
    private readonly calls: CallsRepository,
    private readonly tenants: TenantsService,
    private readonly activity: ActivityService,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly dnc: DncService,
  ) {}

  async list(auth: AuthContext, window: PageWindow, filter: CallFilter): Promise<Page<CallRow>> {
    const zone = await this.zoneFor(auth, filter);
    checkRange(filter, zone);
    const [rows, total] = await this.calls.list(auth.tenantId, window, { ...filter, ...scope(auth) }, zone);
    return new Page(rows, total, window.limit, window.offset);
  }

  async get(auth: AuthContext, id: string): Promise<CallRow> {
    const row = await this.calls.row(auth.tenantId, id, scope(auth));
    if (!row) throw AppError.notFound('Call');
    return row;
  }

  async summary(auth: AuthContext, filter: CallStatsFilter): Promise<CallSummary> {
    const zone = await this.zoneFor(auth, filter);
    checkRange(filter, zone);
    return this.calls.summary(auth.tenantId, { ...filter, ...scope(auth) }, zone);
  }

  async byDisposition(auth: AuthContext, filter: CallStatsFilter): Promise<DispositionCount[]> {
    const zone = await this.zoneFor(auth, filter);
    checkRange(filter, zone);
    return this.calls.byDisposition(auth.tenantId, { ...filter, ...scope(auth) }, zone);
  }

  /** Seed 003's manual log: a call someone made or took outside the dialer. */
  async create(auth: AuthContext, input: ManualCallInput): Promise<CallRow> {
    const errors: FieldIssue[] = [];
    const now = this.clock.now();
    const duration = this.duration(input.duration, errors);
    const phone = await this.phoneOf(auth, input, errors);
    const leadId = input.lead_id ?? (phone ? (await this.calls.leadOfPhone(auth.tenantId, phone))?.id : null);
    if (input.campaign_id && !(await this.calls.owns(this.db, auth.tenantId, 'campaigns', input.campaign_id)))
      errors.push({ field: 'campaign_id', reason: 'is not a campaign of this tenant' });
    const agentId = await this.agentFor(auth, input.agent_id, errors);
    const state = manualCallState(
      { status: input.status ?? 'completed', disposition: input.disposition, duration },
      null,
      now,
      errors,
    );
    const listed = input.outcome === 'do_not_call' ? await this.numberToList(auth, phone, errors) : null;
    if (errors.length || !state) throw invalidInput(errors);
    const direction = input.direction ?? 'outbound';
    const id = await this.db.transaction(async (tx) => {
      const id = await this.calls.insertIn(tx, auth.tenantId, {
        ...state,
        outcome: input.outcome ?? null,
        kind: 'manual',
        direction,
        leadId: leadId ?? null,
        campaignId: input.campaign_id ?? null,
        agentId,
        fromNumber: direction === 'inbound' ? phone : null,
        toNumber: direction === 'outbound' ? phone : null,
        contactName: input.contact_name?.trim() || null,
        notes: input.notes?.trim() || null,
        createdAt: now,
      });
      await this.activity.record(
        auth.tenantId,
        auth,
        {
          type: 'call.logged',
          description: `${direction === 'inbound' ? 'Inbound' : 'Outbound'} call logged (${manualLogStatus(state)})`,
          data: { call_id: id, lead_id: leadId ?? null },
        },
        tx,
      );
      if (input.outcome) await this.recordOutcome(auth, tx, id, leadId ?? null, input.outcome);
      return id;
    });
    if (listed) await this.listNumber(auth, listed);
    const row = await this.get(auth, id);
    this.announce(row);
    return row;
  }

  /**
   * Seed 003's update: notes on any call; the status, duration and disposition of a manual log (a dialed or
   * inbound call's come from the provider: 409). A rejected request changes nothing.
   */
  async update(auth: AuthContext, id: string, input: CallUpdateInput): Promise<CallRow> {
    const visible = await this.get(auth, id);
    const errors: FieldIssue[] = [];
    const duration = this.duration(input.duration, errors);
    const changesState =
      input.status !== undefined || input.disposition !== undefined || input.duration !== undefined;
    const listed =
      input.outcome === 'do_not_call' && visible.outcome !== 'do_not_call'
        ? await this.numberToList(auth, visible.phone, errors)
        : null;
    if (errors.length && !changesState) throw invalidInput(errors);
    let outcomeChanged = false;
    await this.db.transaction(async (tx) => {
      const call = await this.calls.lock(tx, auth.tenantId, visible.id);
      if (!call) throw AppError.notFound('Call');
      const fields: Partial<CallEntity> = {};
      if (changesState && call.kind !== 'manual') {
        throw AppError.conflict(
          `The status, duration and disposition of ${withArticle(call.kind)} call come from the provider; only its notes change`,
          { kind: call.kind },
        );
      }
      if (changesState) {
        const state = manualCallState(
          { status: input.status ?? manualLogStatus(call), disposition: input.disposition, duration },
          call,
          this.clock.now(),
          errors,
        );
        if (errors.length || !state) throw invalidInput(errors);
        Object.assign(fields, state);
      }
      if (input.notes !== undefined) fields.notes = input.notes?.trim() || null;
      if (input.outcome !== undefined && input.outcome !== call.outcome) {
        fields.outcome = input.outcome;
        outcomeChanged = true;
      }
      if (Object.keys(fields).length) await this.calls.updateIn(tx, auth.tenantId, call.id, fields);
      if (outcomeChanged) await this.recordOutcome(auth, tx, call.id, call.leadId, input.outcome ?? null);
    });
    if (listed && outcomeChanged) await this.listNumber(auth, listed);
    const row = await this.get(auth, id);
    if (changesState || outcomeChanged) this.announce(row);
    return row;
  }

  /**
   * The number a `do_not_call` outcome lists on do-not-contact (voice): the call's, in E.164. A call with none (a log
   * of a withheld number) cannot take that outcome: an issue on `outcome`, found before anything changes.
   */
  private async numberToList(
    auth: AuthContext,
    phone: string | null,
    errors: FieldIssue[],
  ): Promise<string | null> {
    const tenant = await this.tenants.get(auth.tenantId);
    const parsed = phone ? normalizePhone(phone, undefined, tenant.defaultCountry) : null;
    if (parsed?.ok) return parsed.phone.e164;
    errors.push({ field: 'outcome', reason: 'do_not_call needs a call with a phone number to list' });
    return null;
  }

  /** After the outcome commits: the number goes on do-not-contact for voice (an entry already there stays). */
  private async listNumber(auth: AuthContext, phone: string): Promise<void> {
    await this.dnc.add(auth, { phone, channel: 'voice', reason: 'manual' });
  }

  /** The lead's activity says how the call went (or that its outcome was cleared). */
  private async recordOutcome(
    auth: AuthContext,
    tx: EntityManager,
    callId: string,
    leadId: string | null,
    outcome: CallOutcome | null,
  ): Promise<void> {
    await this.activity.record(
      auth.tenantId,
      auth,
      {
        type: 'call.outcome',
        description: outcome ? `Call outcome: ${outcome.replace(/_/g, ' ')}` : 'Call outcome cleared',
        data: { call_id: callId, lead_id: leadId, outcome },
      },
      tx,
    );
  }

  private duration(value: number | string | undefined, errors: FieldIssue[]): number | undefined {
    if (value === undefined) return undefined;
    const seconds = parseDuration(value);
    if (seconds === null) {
      errors.push({ field: 'duration', reason: 'must be seconds or "hh:mm:ss", at most 24 hours' });
      return undefined;
    }
    return seconds;
  }

  /** The number called or calling, in E.164: the one sent (tenant's default country), else the lead's. */
  private async phoneOf(
    auth: AuthContext,
    input: ManualCallInput,
    errors: FieldIssue[],
  ): Promise<string | null> {
    if (input.phone !== undefined && input.phone_number !== undefined) {
      errors.push({ field: 'phone_number', reason: 'cannot be sent with phone (they are the same field)' });
      return null;
    }
    const field = input.phone_number !== undefined ? 'phone_number' : 'phone';
    const raw = input.phone ?? input.phone_number;
    const lead = input.lead_id ? await this.calls.leadPhone(auth.tenantId, input.lead_id) : null;
    if (input.lead_id && !lead) errors.push({ field: 'lead_id', reason: 'is not a lead of this tenant' });
    if (raw === undefined || !raw.trim()) {
      if (lead?.phone) return lead.phone;
      if (!input.lead_id || lead)
        errors.push({ field, reason: 'is required (or lead_id, a lead with a phone)' });
      return null;
    }
    const tenant = await this.tenants.get(auth.tenantId);
    const parsed = normalizePhone(raw, tenant.defaultCountry);
    if (parsed.ok) return parsed.phone.e164;
    // A log records what was dialed: a number no numbering plan knows (seed 003's +1234567890, an extension)
    // is kept as its digits; what is no number at all is refused.
    const digits = loggedDigits(raw);
    if (digits) return digits;
    errors.push({ field, reason: parsed.reason });
    return null;
  }

  /** An agent-role caller logs as its own agent; a manager may name any agent of the tenant. */
  private async agentFor(auth: AuthContext, agentId: string | undefined, errors: FieldIssue[]) {
    if (auth.role === 'agent') {
      const own = await this.calls.agentOfUser(auth.tenantId, auth.userId);
      if (!own)
        throw AppError.forbidden('Logging a call needs an agent profile for this user (or a manager)');
      if (agentId !== undefined && agentId !== own)
        errors.push({ field: 'agent_id', reason: 'must be your own agent profile' });
      return own;
    }
    if (agentId === undefined) return null;
    if (!(await this.calls.owns(this.db, auth.tenantId, 'agents', agentId))) {
      errors.push({ field: 'agent_id', reason: 'is not an agent of this tenant' });
    }
    return agentId;
  }

  /** The tenant's zone, read only when a bare date needs it. */
  private async zoneFor(auth: AuthContext, range: CallRange): Promise<string> {
    const bounds = [range.date, range.date_from, range.date_to, range.from, range.to];
    if (bounds.every((b) => b === undefined)) return 'UTC';
    return (await this.tenants.get(auth.tenantId)).timezone || 'UTC';
  }

  private announce(row: CallRow): void {
    this.events.toCall(
      row.tenant_id,
      row.agent_id,
      'call_status_update',
      callStatusEvent(row, this.clock.now()),
    );
  }
}

/** "+1 234-567-890" as "+1234567890": 3 to 15 digits written as a phone number is, else null. */
function loggedDigits(raw: string): string | null {
  const text = raw.trim();
  if (!/^\+?[\d\s().-]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 15) return null;
  return text.startsWith('+') ? `+${digits}` : digits;
}

/** An agent-role caller sees the calls of its own agent profile only. */
function scope(auth: AuthContext): CallScope {
  return auth.role === 'agent' ? { only_user_id: auth.userId } : {};
}
