import { AppError, Clock } from '@app/common';
import { LeadEntity, tenantQuery } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { scrubLeadAppointments } from '../appointments/appointment-erasure';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { refreshContactFlags } from '../dnc/contact-flags';
import { erasedEventPayload } from '../inbound/inbound-event';
import { erasePendingMessages } from '../inbound/pending-events-erasure';
import { ErasedRecordingsService } from './erased-recordings.service';
import { scrubLeadCalls } from './lead-call-erasure';
import {
  ErasedAddressesMoved,
  listErasedAddresses,
  lockedErasedAddresses,
  scrubLeadContent,
} from './lead-erasure';
import { LeadsRepository } from './leads.repository';

/** DELETE /leads/:id?erase=true: a person's erasure (GDPR Art. 17), archived lead or live. */
@Injectable()
export class LeadErasureService {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly recordings: ErasedRecordingsService,
    private readonly progress: CampaignProgress,
  ) {}

  /**
   * GDPR Art. 17: the person's data is deleted. Only what the do-not-contact list needs stays: every phone,
   * WhatsApp number and email they were reached at as an all-channel entry (reason `erasure`, taking over one
   * already there, so only an admin may remove it), so no import or campaign reaches them again; what the AI read
   * and wrote for them and import row errors showing their cells are blanked; their conversations, messages and
   * calls stay as counts, without the lead and without content (a call keeps its status, disposition, times and
   * durations; its notes, recording, contact name and the person's number go); their appointments keep their date,
   * time, service and status, without their name, phone and notes.
   * Messages they sent that the worker has not recorded yet are erased unrecorded (`erasePendingMessages`).
   * Once committed, the calls' recordings are deleted at the provider, and again by the worker
   * (ErasedRecordingsService).
   */
  async erase(auth: AuthContext, id: string): Promise<{ id: string; dnc_entries: number }> {
    const lead = await this.leads.findById(auth.tenantId, id);
    if (!lead) throw AppError.notFound('Lead');
    const run = (allAddresses: boolean) =>
      this.db.transaction(async (tx) => {
        // First: it waits for a message of theirs the worker is recording, which the statements below then scrub.
        await erasePendingMessages(tx, auth.tenantId, lead.id);
        // Every address they were reached at, as it stands under the lead's lock (a change of its phone that
        // committed meanwhile is listed; so is the WhatsApp number a chat came from, kept when the phone changed),
        // their address locks taken first, as every writer of an address takes them.
        const addresses = await lockedErasedAddresses(tx, auth.tenantId, lead.id, allAddresses);
        const kept = await listErasedAddresses(tx, auth.tenantId, addresses, auth.userId);
        await scrubLeadContent(tx, auth.tenantId, lead.id, addresses, this.clock.now());
        // Before the lead row goes: deleting it sets the calls' lead_id to null.
        const phones = addresses.flatMap((a) => ('phoneNormalized' in a ? [a.phoneNormalized] : []));
        const calls = await scrubLeadCalls(tx, auth.tenantId, lead.id, phones, this.clock.now());
        // Their appointments keep date, time, service and status; their name, phone and notes go.
        await scrubLeadAppointments(tx, auth.tenantId, lead.id, phones, this.clock.now());
        // The raw provider events it left (numbers, message text) keep only their kind and dedupe key. After the
        // calls: a voice event applied meanwhile either linked itself to the lead first (and is scrubbed here) or
        // waited for the calls' lock and found them erased (CallEventsService).
        await tenantQuery(
          tx,
          auth.tenantId,
          `WITH scrubbed AS (
           UPDATE webhook_events e SET payload = ${erasedEventPayload('e')}, lead_id = NULL
            WHERE e.tenant_id = $1 AND e.lead_id = $2
            RETURNING e.id)
         SELECT count(*)::int AS n FROM scrubbed`,
          [lead.id],
        );
        // A call linked to no lead left events linked to none: found by the call they name (rare, so read whole).
        if (calls.unlinked.length)
          await tenantQuery(
            tx,
            auth.tenantId,
            `UPDATE webhook_events e SET payload = ${erasedEventPayload('e')}
            WHERE e.tenant_id = $1 AND e.kind = 'call'
              AND (e.payload->>'call_id' = ANY($2::text[]) OR e.payload->'form'->>'call_sid' = ANY($3::text[]))`,
            [
              calls.unlinked.map((c) => c.id),
              calls.unlinked.flatMap((c) => (c.call_sid ? [c.call_sid] : [])),
            ],
          );
        // So are the activity feed's entries of those calls, which name their number.
        if (calls.unlinked.length)
          await tenantQuery(
            tx,
            auth.tenantId,
            `UPDATE activity_log SET description = 'About a lead since erased'
            WHERE tenant_id = $1 AND data->>'call_id' = ANY($2::text[])`,
            [calls.unlinked.map((c) => c.id)],
          );
        // Their enrollments go with the lead row: the campaigns' counts of leads enrolled drop once this commits.
        const campaigns = await tenantQuery<{ campaign_id: string }>(
          tx,
          auth.tenantId,
          `SELECT campaign_id FROM campaign_enrollments WHERE tenant_id = $1 AND lead_id = $2`,
          [lead.id],
        );
        await tx.delete(LeadEntity, { id: lead.id, tenantId: auth.tenantId });
        // A live lead now at one of their addresses (made after this one was archived) is flagged by the entries.
        await refreshContactFlags(tx, auth.tenantId, {
          phones,
          emails: addresses.flatMap((a) => ('email' in a ? [a.email] : [])),
        });
        await this.activity.record(
          auth.tenantId,
          auth,
          {
            type: 'lead.erased',
            description: 'A lead was erased on request (GDPR Art. 17)',
            data: { lead_id: lead.id },
          },
          tx,
        );
        // Last: the worker deletes the recordings too, whatever becomes of this process once this commits.
        await this.recordings.schedule(auth.tenantId, lead.id, calls.recordingSids);
        return {
          erased: { id: lead.id, dnc_entries: kept },
          recordingSids: calls.recordingSids,
          campaignIds: campaigns.map((c) => c.campaign_id),
        };
      });
    // Moved to an address it had not locked while it waited: undone, and run again holding all the tenant's.
    const { erased, recordingSids, campaignIds } = await run(false).catch((err: unknown) => {
      if (err instanceof ErasedAddressesMoved) return run(true);
      throw err;
    });
    // After the commit, outside the lead's lock: enrolling locks a campaign before its leads.
    if (campaignIds.length)
      await tenantQuery(
        this.db,
        auth.tenantId,
        `UPDATE campaigns SET total_leads = greatest(total_leads - 1, 0) WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [campaignIds],
      );
    // Their enrollments went with them: those campaigns' totals dropped (not awaited). The contact flags the erasure
    // refreshed above move none (its all-channel entries set do_not_call, which no total counts).
    for (const campaignId of campaignIds) void this.progress.notify(auth.tenantId, campaignId);
    await this.recordings.deleteNow(auth.tenantId, lead.id, recordingSids);
    return erased;
  }
}
