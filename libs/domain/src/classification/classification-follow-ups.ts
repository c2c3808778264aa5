import { LiveEvents } from '@app/events';
import type { ReplyClassification } from '@app/providers';
import type { NotificationEntity } from '@app/db';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { AchievementProgress } from '../achievements/achievement-progress.service';
import { NO_AUTO_REPLY_LABELS } from '../ai-outreach/auto-reply-decision';
import { InboundEnrollmentStops } from '../inbound/inbound-enrollment-stops';
import { OptOutNotifier } from '../inbound/opt-out.notifier';
import { NotificationWriter } from '../notifications/notification-writer';
import { OutboundWebhooks } from '../webhooks/outbound-webhooks';
import type { ActionOutcome } from './classification-actions';
import type { ReplyRow } from './classification.store';

/** The job id of an `ai.auto-reply`: one answer per inbound message. */
export const autoReplyJobId = (messageId: string) => `ai-auto-reply:${messageId}`;

/** The inbound message being classified. */
export type ClassifiedReply = ReplyRow & { lead_id: string; content: string };

/** What one classification committed: its class, the lead's score and qualification, what the class did. */
export interface StoredClassification {
  result: ReplyClassification;
  interactionId: string | null;
  /** The notifications it wrote (a lead that crossed the threshold), raised once it commits. */
  notifications: NotificationEntity[];
  /** The lead's owner: their achievements count the lead once it stands qualified. */
  ownerId: string | null;
  score: number;
  qualification: string | null;
  threshold: number;
  crossed: boolean;
  classification: string | null;
  outcome: ActionOutcome;
}

/**
 * What follows a classification once it is committed: the live events (the class, a qualified lead, a classified
 * opt-out, the progress of each campaign whose enrollments it moved), a qualified lead's `lead.qualified` to the
 * tenant's webhooks and workflows, the opt-out's one confirmation, and the AI's
 * answer queued.
 */
@Injectable()
export class ClassificationFollowUps {
  constructor(
    private readonly optOuts: OptOutNotifier,
    private readonly events: LiveEvents,
    private readonly jobs: JobProducer,
    private readonly stops: InboundEnrollmentStops,
    private readonly notifications: NotificationWriter,
    private readonly achievements: AchievementProgress,
    private readonly webhooks: OutboundWebhooks,
  ) {}

  async announce(
    tenantId: string,
    reply: ClassifiedReply,
    stored: StoredClassification,
    reclassify: boolean,
    now: Date,
  ): Promise<void> {
    const timestamp = now.toISOString();
    const { result } = stored;
    // An out-of-office resume, an opt-out, a meeting request moved these campaigns' totals, and an out-of-office
    // reading (or a reading that is no longer one) the replied total of the campaign the reply answers; a stop of
    // the enrollment by which a human held the lead may hand it back.
    await this.stops.after(tenantId, reply.lead_id, reply.id, stored.outcome.campaigns);
    if (stored.outcome.optedOut) {
      this.optOuts.announce(tenantId, 'opt_out', {
        lead_id: reply.lead_id,
        channel: reply.channel,
        keyword: null,
        source: 'classification',
        conversation_id: reply.conversation_id,
        message_id: reply.id,
        event_id: reply.event_id,
        timestamp,
      });
      await this.confirmOptOut(tenantId, reply);
    }
    // What the reply said (its reason, a referral) goes to those who may read its conversation, not every agent.
    this.events.toConversation(tenantId, reply.conversation_id, 'lead.classified', {
      lead_id: reply.lead_id,
      message_id: reply.id,
      conversation_id: reply.conversation_id,
      classification: result.label,
      lead_classification: stored.classification,
      confidence: result.confidence,
      reason: result.reason,
      return_date: result.return_date,
      referral: result.referral,
      score: stored.score,
      qualification_status: stored.qualification,
      timestamp,
    });
    if (stored.crossed) {
      // The lead's score and classification, to the same readers as its classification: not every agent.
      this.events.toConversation(tenantId, reply.conversation_id, 'lead.qualified', {
        lead_id: reply.lead_id,
        score: stored.score,
        threshold: stored.threshold,
        classification: stored.classification,
        timestamp,
      });
      await this.webhooks.emit(tenantId, 'lead.qualified', [reply.lead_id]);
    }
    this.notifications.announce(stored.notifications);
    if (stored.qualification === 'qualified' || stored.qualification === 'meeting_requested')
      await this.achievements.changed(tenantId, stored.ownerId, ['leads_qualified']);
    if (!reclassify) await this.queueAutoReply(tenantId, reply, result.label);
  }

  /** The one confirmation of an opt-out the classifier recorded (its key keeps a retried job from sending two). */
  confirmOptOut(tenantId: string, reply: ClassifiedReply): Promise<void> {
    return this.optOuts.confirm(tenantId, {
      lead_id: reply.lead_id,
      channel: reply.channel,
      subject: reply.subject,
      idempotency_key: `opt-out-confirmation:classified:${reply.id}`,
    });
  }

  /** The AI may answer (ai-outreach decides whether it does), unless the class says nobody should. */
  async queueAutoReply(tenantId: string, reply: ClassifiedReply, label: string): Promise<void> {
    if ((NO_AUTO_REPLY_LABELS as readonly string[]).includes(label)) return;
    await this.jobs.enqueue(
      'ai.auto-reply',
      { tenant_id: tenantId, message_id: reply.id },
      { jobId: autoReplyJobId(reply.id) },
    );
  }
}
