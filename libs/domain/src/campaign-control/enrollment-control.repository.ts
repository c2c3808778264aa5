import {
  assertTenantId,
  CampaignEnrollmentEntity,
  CampaignEntity,
  CampaignStepEntity,
  ConversationChannel,
  FINAL_ENROLLMENT_SQL,
  SqlRunner,
  TenantRepository,
  tenantQuery,
} from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { stepChannelSql } from '../campaigns/campaign-steps';
import { queuedCampaignSends } from '../campaign-engine/queued-sends';

export interface ControlledCampaign {
  campaign: CampaignEntity;
  steps: CampaignStepEntity[];
}

/** Enrollments as human control sees them: found, locked, paused (override) and released (cede). */
@Injectable()
export class EnrollmentControlRepository extends TenantRepository<CampaignEnrollmentEntity> {
  constructor(@InjectRepository(CampaignEnrollmentEntity) repo: Repository<CampaignEnrollmentEntity>) {
    super(repo);
  }

  /** The tenant's campaign (not archived) and its steps in order. */
  async findCampaign(tenantId: string, campaignId: string): Promise<ControlledCampaign | null> {
    assertTenantId(tenantId);
    const manager = this.repo.manager;
    const campaign = await manager.findOneBy(CampaignEntity, {
      tenantId,
      id: campaignId,
      archivedAt: IsNull(),
    });
    if (!campaign) return null;
    const steps = await manager.find(CampaignStepEntity, {
      where: { tenantId, campaignId },
      order: { position: 'ASC' },
    });
    return { campaign, steps };
  }

  async leadExists(tenantId: string, leadId: string): Promise<boolean> {
    const rows = await tenantQuery(
      this.repo.manager,
      tenantId,
      'SELECT 1 FROM leads WHERE tenant_id = $1 AND id = $2',
      [leadId],
    );
    return rows.length === 1;
  }

  /** The lead's enrollment in the campaign; locked for the transaction when `tx` is given. */
  find(
    tenantId: string,
    campaignId: string,
    leadId: string,
    tx?: EntityManager,
  ): Promise<CampaignEnrollmentEntity | null> {
    const where = this.where(tenantId, { campaignId, leadId });
    if (!tx) return this.repo.findOne({ where });
    return tx.findOne(CampaignEnrollmentEntity, { where, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Locks every enrollment of the lead until `tx` ends, in id order, before any of them is read or changed: an
   * override (which pauses them all) and a cede or another override of the lead take turns without a deadlock.
   */
  async lockLead(tx: SqlRunner, tenantId: string, leadId: string): Promise<void> {
    await tenantQuery(
      tx,
      tenantId,
      `SELECT id FROM campaign_enrollments WHERE tenant_id = $1 AND lead_id = $2 ORDER BY id FOR UPDATE`,
      [leadId],
    );
  }

  /**
   * Cede: automation resumes where it stopped. A step taken but not sent (queued, or in the dialer's pool) waits
   * again, and the scheduler takes it on its next tick (next_action_at now unless a DELAY is pending; a draft
   * campaign's rows keep no time until it starts). A lead the dialer has taken (in_progress with no time: on a call,
   * or offered to an agent) is left as it is: that call's end moves it on, and a time set now would dial it again.
   * A completed one (its last message was held) stays completed; the fan-out sends that message.
   */
  async release(tx: EntityManager, tenantId: string, id: string, at: Date, draft: boolean): Promise<void> {
    await tenantQuery(
      tx,
      tenantId,
      `UPDATE campaign_enrollments
          SET ai_paused = false,
              status = CASE WHEN status = 'queued' OR (status = 'in_progress' AND next_action_at IS NOT NULL)
                            THEN 'waiting' ELSE status END,
              next_action_at = CASE WHEN $4::boolean OR status = 'completed'
                                         OR (status = 'in_progress' AND next_action_at IS NULL)
                                    THEN next_action_at ELSE COALESCE(next_action_at, $3) END,
              updated_at = $3
        WHERE tenant_id = $1 AND id = $2`,
      [id, at, draft],
    );
  }

  /**
   * A human took the lead over (a manual message, an override): every enrollment of it that is still running is
   * paused, locked in id order as `lockLead` locks them; so is one whose sequence is over but whose last message
   * still waits in the queue (its cede sends it).
   */
  async pauseAllOfLead(tx: SqlRunner, tenantId: string, leadId: string, at: Date): Promise<number> {
    const rows = await tenantQuery(
      tx,
      tenantId,
      `UPDATE campaign_enrollments e SET ai_paused = true, updated_at = $3
         FROM (SELECT r.id FROM campaign_enrollments r
                WHERE r.tenant_id = $1 AND r.lead_id = $2 AND NOT r.ai_paused
                  AND (r.status NOT IN (${FINAL_ENROLLMENT_SQL})
                    OR (r.status = 'completed' AND ${queuedCampaignSends('$1', 'r.campaign_id', '$2')}))
                ORDER BY r.id FOR UPDATE) running
        WHERE e.tenant_id = $1 AND e.id = running.id
        RETURNING e.id`,
      [leadId, at],
    );
    return rows.length;
  }

  /**
   * The lead's conversations on these channels, locked until `tx` ends, before its enrollment: override, cede
   * and a manual message (its conversation, then the lead's enrollments) take turns, in that order.
   */
  async lockConversations(
    tx: EntityManager,
    tenantId: string,
    leadId: string,
    channels: ConversationChannel[],
  ): Promise<void> {
    if (!channels.length) return;
    await tenantQuery(
      tx,
      tenantId,
      `SELECT id FROM conversations WHERE tenant_id = $1 AND lead_id = $2 AND channel = ANY($3)
        ORDER BY id FOR NO KEY UPDATE`,
      [leadId, channels],
    );
  }

  /** Override: a human answers the lead on these channels from now on. */
  async toHuman(
    tx: EntityManager,
    tenantId: string,
    leadId: string,
    channels: ConversationChannel[],
  ): Promise<void> {
    if (!channels.length) return;
    await tenantQuery(
      tx,
      tenantId,
      `UPDATE conversations SET ai_mode = 'human', updated_at = now()
        WHERE tenant_id = $1 AND lead_id = $2 AND channel = ANY($3) AND ai_mode <> 'human'`,
      [leadId, channels],
    );
  }

  /**
   * Cede: automation (the AI) answers the lead again on those of these channels where none of its running
   * enrollments is still overridden (by another campaign's override or a manual message). Run after
   * `lockConversations`, in a statement of its own: it sees every override and cede of the lead before it.
   */
  async handBack(
    tx: EntityManager,
    tenantId: string,
    leadId: string,
    channels: ConversationChannel[],
  ): Promise<void> {
    if (!channels.length) return;
    await tenantQuery(
      tx,
      tenantId,
      `UPDATE conversations v SET ai_mode = 'auto', updated_at = now()
        WHERE v.tenant_id = $1 AND v.lead_id = $2 AND v.channel = ANY($3) AND v.ai_mode <> 'auto'
          AND NOT EXISTS (SELECT 1 FROM campaign_enrollments e
                            JOIN campaign_steps s ON s.tenant_id = e.tenant_id AND s.campaign_id = e.campaign_id
                           WHERE e.tenant_id = $1 AND e.lead_id = $2 AND e.ai_paused AND e.status NOT IN (${FINAL_ENROLLMENT_SQL})
                             AND ${stepChannelSql('s')} = v.channel)`,
      [leadId, channels],
    );
  }
}
