import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SendWindow } from '../contact-policy/send-window';
import { sendJobId } from '../messaging/send-jobs';

/** A campaign's sending window in the lead's local time (DESIGN §3b, §7.2), `zone` when the lead's is unknown. */
export interface CampaignWindow {
  hours: SendWindow;
  zone: string;
}

/**
 * What the sender does with an automated campaign message: send it (within the campaign's window, when it has one
 * still), keep it queued, or drop it (and why).
 */
export type CampaignGate =
  | { go: true; window?: CampaignWindow }
  | { go: false; hold: true }
  | { go: false; hold: false; reason: string };

const HOLD: CampaignGate = { go: false, hold: true };

/**
 * A campaign's automated messages wait in `queued` while it is paused or a human has taken the lead over
 * (DESIGN §7.5): the sender asks the gate right before the provider call, so a pause stops sends within the
 * time of one job. Resume and cede release them; a cancel, a reply or an opt-out drops them.
 */
@Injectable()
export class HeldMessages {
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly producer: JobProducer,
  ) {
    this.sql = fastSql(db);
  }

  async gate(tenantId: string, campaignId: string, leadId: string | null, now: Date): Promise<CampaignGate> {
    const [row] = await tenantQuery<GateRow>(this.sql, tenantId, gateSql('$2', '$3', '$4'), [
      campaignId,
      leadId,
      now,
    ]);
    return judgeGate(row);
  }
  /** Sends again the campaign's messages left queued (resume, cede); the sender's gate decides once more. */
  async release(tenantId: string, campaignId: string): Promise<number> {
    const rows = await tenantQuery<{ id: string }>(
      this.sql,
      tenantId,
      `SELECT id FROM messages
        WHERE tenant_id = $1 AND campaign_id = $2 AND status = 'queued' AND sender IN ('system', 'ai')`,
      [campaignId],
    );
    return this.producer.ensureMany(
      'messages.send',
      rows.map(({ id }) => ({ payload: { tenant_id: tenantId, message_id: id }, jobId: sendJobId(id) })),
    );
  }
}

/** What the gate reads of a campaign (`gateSql`) for a message of it to one lead. */
export interface GateRow {
  status: string;
  ended: boolean;
  enrollment: string | null;
  ai_paused: boolean | null;
  calling_hours_start: string | null;
  calling_hours_end: string | null;
  calling_days: number[] | null;
  zone: string;
}

/**
 * The gate's read (GateRow) of the campaign `campaign` for the lead `lead` at `now` (SQL expressions or parameters;
 * the tenant is `$1`): a statement of its own, or a LATERAL of the message it gates (MessagesRepository.findForSend).
 */
export function gateSql(campaign: string, lead: string, now: string): string {
  return `SELECT c.status, coalesce(c.schedule_end <= ${now}, false) AS ended, e.status AS enrollment, e.ai_paused,
                 c.calling_hours_start, c.calling_hours_end, c.calling_days, coalesce(c.timezone, t.timezone) AS zone
            FROM campaigns c
            JOIN tenants t ON t.id = c.tenant_id
            LEFT JOIN campaign_enrollments e ON e.tenant_id = $1 AND e.campaign_id = c.id AND e.lead_id = ${lead}
           WHERE c.tenant_id = $1 AND c.id = ${campaign}`;
}

/** The gate of a campaign message from its campaign's GateRow (none: the campaign is gone, the message goes). */
export function judgeGate(row: GateRow | null | undefined): CampaignGate {
  if (!row) return { go: true };
  if (row.status === 'cancelled') return { go: false, hold: false, reason: 'cancelled' };
  // Its schedule ended: nothing more goes, whether the lead's sequence was over or not (a last step's message
  // still in a throttled backlog, or held by a pause, ends with the rest).
  if (row.ended) return { go: false, hold: false, reason: 'schedule_ended' };
  if (row.enrollment === 'replied' || row.enrollment === 'stopped' || row.enrollment === 'dnc')
    return { go: false, hold: false, reason: row.enrollment };
  if (row.status !== 'active' && row.status !== 'completed') return HOLD;
  if (row.ai_paused) return HOLD;
  // Checked again as it goes: one that waited (a throttled backlog, a pause, an override) past the window's
  // close waits for its next opening.
  return {
    go: true,
    window: {
      hours: { start: row.calling_hours_start, end: row.calling_hours_end, days: row.calling_days },
      zone: row.zone,
    },
  };
}
