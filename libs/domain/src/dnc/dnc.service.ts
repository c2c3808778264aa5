import { AppError, Page, PageWindow } from '@app/common';
import { DncChannel, DncEntryEntity, DncReason, tenantQuery } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { normalizePhone, phoneCountry } from '../leads/phone-normalizer';
import { TenantsService } from '../tenants/tenants.service';
import { lockAddresses } from './address-locks';
import { refreshContactFlags } from './contact-flags';
import { takesOverStop } from './dnc-listing';
import { DncFilter, DncRepository } from './dnc.repository';

export interface NewDncEntry {
  phone?: string;
  email?: string;
  /** ISO 3166-1 alpha-2 (any case): the country of a national phone number, before the tenant's default. */
  default_country?: string;
  channel?: DncChannel;
  reason?: DncReason;
}

export interface AddedDncEntry {
  entry: DncEntryEntity;
  /** False when the same address was already on the list for that channel. */
  created: boolean;
  /**
   * True when an entry only the person's STOP had made (reason `stop_keyword`) now carries this listing's reason
   * and creator: their START no longer lifts it.
   */
  taken_over: boolean;
  leads_flagged: number;
}

const ERASURE_ENTRY_ADMIN_ONLY = "Removing an erased person's do-not-contact entry needs the admin role";
const PERSON_ENTRY_ADMIN_ONLY =
  'Removing a do-not-contact entry the person made (their own STOP or unsubscribe) needs the admin role';

/**
 * Only an admin removes an erasure's entry (all that keeps an erased person from being contacted again) or one the
 * person's own opt-out made (their STOP, an unsubscribe the classifier read or a link recorded: their START or
 * UNSTOP lifts it), even after a listing took it over (`opted_out_by_person` outlives the new reason). Only an
 * erasure taking an entry over changes its reason to `erasure`; no path changes one to `stop_keyword`, nor sets
 * `opted_out_by_person` on an existing entry.
 */
function removalRefusal(auth: AuthContext, entry: DncEntryEntity): string | null {
  if (auth.role === 'admin') return null;
  if (entry.reason === 'erasure') return ERASURE_ENTRY_ADMIN_ONLY;
  if (entry.reason === 'stop_keyword' || entry.optedOutByPerson) return PERSON_ENTRY_ADMIN_ONLY;
  return null;
}

/** The tenant's do-not-contact list; adding or removing an entry re-derives the flags of the leads it matches. */
@Injectable()
export class DncService {
  constructor(
    private readonly entries: DncRepository,
    private readonly tenants: TenantsService,
    private readonly activity: ActivityService,
    private readonly db: DataSource,
    private readonly progress: CampaignProgress,
  ) {}

  async list(auth: AuthContext, window: PageWindow, filter: DncFilter): Promise<Page<DncEntryEntity>> {
    const [rows, total] = await this.entries.list(auth.tenantId, window, filter);
    return new Page(rows, total, window.limit, window.offset);
  }

  async add(auth: AuthContext, input: NewDncEntry): Promise<AddedDncEntry> {
    if (!input.phone && !input.email) {
      throw AppError.field('phone', 'or email is required');
    }
    if (input.default_country !== undefined && !phoneCountry(input.default_country))
      throw AppError.field('default_country', 'is not an ISO 3166-1 alpha-2 country code');
    let phone: string | null = null;
    if (input.phone) {
      const tenant = await this.tenants.get(auth.tenantId);
      const parsed = normalizePhone(input.phone, input.default_country, tenant.defaultCountry);
      if (!parsed.ok) throw AppError.field('phone', parsed.reason);
      phone = parsed.phone.e164;
    }
    const email = input.email?.trim().toLowerCase() || null;
    const channel = input.channel ?? 'all';
    const reason = input.reason ?? 'manual';
    let flagged: string[] = [];
    const added = await this.db.transaction(async (tx): Promise<AddedDncEntry> => {
      // Turns with a lead created for the same address at once (LeadsService): it is refused, or flagged here.
      await lockAddresses(tx, auth.tenantId, { phone, email });
      const entries = tx.getRepository(DncEntryEntity);
      const find = (where: { phoneNormalized: string } | { email: string }) =>
        entries.findOneBy({ tenantId: auth.tenantId, channel, ...where });
      let listedPhone: DncEntryEntity | null = null;
      let listedEmail: DncEntryEntity | null = null;
      let entry: DncEntryEntity | null = null;
      let takenOver = false;
      // What is not on the list yet goes on it, in one row; what is already there stays as it is, but for an entry
      // only the person's STOP made (DESIGN §7.1): this listing takes it over, so their START no longer lifts it.
      // A STOP or START of the address does not take its lock: a STOP that lists it first makes the row conflict,
      // and a START that deletes the STOP's entry first leaves nothing to take over; either way the look-up runs
      // again (it sees what they committed) and this listing goes on from there.
      for (let attempt = 0; attempt < 5 && !entry; attempt++) {
        listedPhone = phone ? await find({ phoneNormalized: phone }) : null;
        listedEmail = email ? await find({ email }) : null;
        // One row may list both (an entry added with a phone and an email): taken over once.
        const stops = new Map(
          [listedPhone, listedEmail]
            .filter((e): e is DncEntryEntity => e?.reason === 'stop_keyword' && takesOverStop(reason))
            .map((e) => [e.id, e]),
        );
        let lost = false;
        for (const stop of stops.values()) {
          const [taken] = await tenantQuery<{ id: string }>(
            tx,
            auth.tenantId,
            `UPDATE dnc_entries SET reason = $3, created_by_id = $4
              WHERE tenant_id = $1 AND id = $2 AND reason = 'stop_keyword' RETURNING id`,
            [stop.id, reason, auth.userId],
          );
          if (taken) {
            takenOver = true;
            for (const listed of [listedPhone, listedEmail])
              if (listed?.id === stop.id) Object.assign(listed, { reason, createdById: auth.userId });
          } else lost = true;
        }
        if (lost) continue;
        const newPhone = phone && !listedPhone ? phone : null;
        const newEmail = email && !listedEmail ? email : null;
        if (!newPhone && !newEmail) break;
        const inserted: { id: string }[] = await tx.query(
          `INSERT INTO dnc_entries (tenant_id, phone_normalized, email, channel, reason, created_by_id)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT DO NOTHING RETURNING id`,
          [auth.tenantId, newPhone, newEmail, channel, reason, auth.userId],
        );
        if (inserted.length)
          entry = await entries.findOneByOrFail({ id: inserted[0].id, tenantId: auth.tenantId });
      }
      const created = entry !== null;
      // Nothing new (or a concurrent request listed it first): answer the entry that is there.
      entry ??=
        listedPhone ??
        listedEmail ??
        (phone ? await find({ phoneNormalized: phone }) : null) ??
        (await find({ email: email as string }));
      if (!entry) throw new Error('A do-not-contact entry vanished while being added');
      flagged = await refreshContactFlags(tx, auth.tenantId, {
        phones: phone ? [phone] : [],
        emails: email ? [email] : [],
      });
      if (created || takenOver) {
        await this.activity.record(
          auth.tenantId,
          auth,
          {
            type: 'dnc.added',
            description: created
              ? `Added to do-not-contact (${channel})`
              : `Listed on do-not-contact (${channel}) over the person's own STOP`,
            data: {
              dnc_entry_id: entry.id,
              leads_flagged: flagged.length,
              ...(takenOver && { taken_over: true }),
            },
          },
          tx,
        );
      }
      return { entry, created, taken_over: takenOver, leads_flagged: flagged.length };
    });
    // The campaigns of the leads it flagged count them in opted_out now (after commit, not awaited).
    void this.progress.notifyLeads(auth.tenantId, flagged);
    return added;
  }

  async remove(auth: AuthContext, id: string): Promise<DncEntryEntity> {
    const entry = await this.entries.findById(auth.tenantId, id);
    if (!entry) throw AppError.notFound('Do-not-contact entry');
    const refusal = removalRefusal(auth, entry);
    if (refusal) throw AppError.forbidden(refusal);
    let unflagged: string[] = [];
    await this.db.transaction(async (tx) => {
      // Turns with a lead moved to the address at once (LeadsService.update): it is unflagged here, or finds no entry.
      await lockAddresses(tx, auth.tenantId, { phone: entry.phoneNormalized, email: entry.email });
      // An erasure that took the entry over meanwhile (listErasedAddresses) holds its row: this waits, then sees it.
      const [gone] = await tenantQuery<{ id: string }>(
        tx,
        auth.tenantId,
        `DELETE FROM dnc_entries
          WHERE tenant_id = $1 AND id = $2
            AND ($3 OR (reason NOT IN ('erasure', 'stop_keyword') AND NOT opted_out_by_person)) RETURNING id`,
        [entry.id, auth.role === 'admin'],
      );
      if (!gone) {
        const now = await this.entries.findById(auth.tenantId, entry.id);
        if (now) throw AppError.forbidden(removalRefusal(auth, now) ?? ERASURE_ENTRY_ADMIN_ONLY);
        throw AppError.notFound('Do-not-contact entry');
      }
      unflagged = await refreshContactFlags(tx, auth.tenantId, {
        phones: entry.phoneNormalized ? [entry.phoneNormalized] : [],
        emails: entry.email ? [entry.email] : [],
      });
      await this.activity.record(
        auth.tenantId,
        auth,
        {
          type: 'dnc.removed',
          description: `Removed from do-not-contact (${entry.channel})`,
          data: { dnc_entry_id: entry.id, leads_updated: unflagged.length },
        },
        tx,
      );
    });
    void this.progress.notifyLeads(auth.tenantId, unflagged);
    return entry;
  }
}
