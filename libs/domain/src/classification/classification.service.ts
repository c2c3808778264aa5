import { Clock } from '@app/common';
import { fastSql, LeadEntity, NotificationEntity, SqlRunner, tenantQuery } from '@app/db';
import {
  ClassifyReplyInput,
  isReplyLabel,
  LlmPort,
  ProviderError,
  ReplyClassification,
} from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { optKeyword } from '../inbound/opt-out-keywords';
import { LlmManager } from '../llm/llm-manager.service';
import { NotificationWriter } from '../notifications/notification-writer';
import { applyClass, receivedAt } from './classification-actions';
import { ClassifiedReply, ClassificationFollowUps, StoredClassification } from './classification-follow-ups';
import { keywordOptIn, keywordUnsubscribe, normalizeClassification } from './classification-result';
import {
  classifiedOptOutRecorded,
  engagementOf,
  loadReply,
  lockLead,
  storedLabel,
  upsertClassification,
} from './classification.store';
import { crossedThreshold, leadScore, qualificationStatus, scoringSettings } from './lead-scoring';

export interface ClassifyOptions {
  /** `POST leads/:id/reclassify`: the message is classified again and its row overwritten. */
  reclassify: boolean;
  /** The job's last attempt: a failing tenant provider falls back to the local one instead of failing. */
  lastAttempt: boolean;
}

/**
 * Reply classification and lead scoring, in the worker (issue 7 item 2): one inbound message classified with the
 * tenant's LLM (the local provider when that fails for good), stored, the lead scored and qualified under its row
 * lock, what the class means applied (opt-out, out-of-office pause, meeting request, referral), then what follows
 * the commit (ClassificationFollowUps).
 */
@Injectable()
export class ClassificationService {
  private readonly logger = new Logger(ClassificationService.name);
  private readonly sql: SqlRunner;

  constructor(
    private readonly db: DataSource,
    private readonly llm: LlmManager,
    private readonly activity: ActivityService,
    private readonly followUps: ClassificationFollowUps,
    private readonly clock: Clock,
    private readonly notifications: NotificationWriter,
  ) {
    this.sql = fastSql(db);
  }

  async classify(tenantId: string, messageId: string, options: ClassifyOptions): Promise<void> {
    const reply = await loadReply(this.sql, tenantId, messageId);
    if (!reply || reply.direction !== 'inbound' || !reply.lead_id || !reply.content?.trim()) {
      this.logger.debug({ tenant_id: tenantId, message_id: messageId }, 'Nothing to classify');
      return;
    }
    const target = reply as ClassifiedReply;
    const previous = options.reclassify ? undefined : await storedLabel(this.sql, tenantId, messageId);
    if (previous) {
      // A job that ran again after its classification committed: only what follows the commit is redone.
      await this.finishRetry(tenantId, target, previous);
      return;
    }
    const keyword = optKeyword(target.content);
    const classified = keyword
      ? {
          result:
            keyword.kind === 'opt_out' ? keywordUnsubscribe(keyword.keyword) : keywordOptIn(keyword.keyword),
          interactionId: null,
        }
      : await this.run(tenantId, target, options.lastAttempt);
    const stored = await this.store(
      tenantId,
      target,
      classified,
      options.reclassify,
      keyword?.kind === 'opt_out',
    );
    if (!stored) return;
    if ('storedBefore' in stored) {
      // Another run (a reclassification) stored this message's class while this one asked the model: it stands.
      await this.finishRetry(tenantId, target, stored.storedBefore);
      return;
    }
    await this.followUps.announce(tenantId, target, stored, options.reclassify, this.clock.now());
  }

  /** Asks the tenant's model; a failure for good (or on the job's last attempt) asks the local provider. */
  private async run(
    tenantId: string,
    reply: ClassifiedReply,
    lastAttempt: boolean,
  ): Promise<{ result: ReplyClassification; interactionId: string | null }> {
    const input: ClassifyReplyInput = {
      text: reply.content,
      subject: reply.subject,
      channel: reply.channel,
      received_at: receivedAt(reply).toISOString(),
      timezone: reply.lead_timezone ?? (reply.lead_timezones?.length === 1 ? reply.lead_timezones[0] : null),
    };
    const ctx = {
      kind: 'classification' as const,
      lead_id: reply.lead_id,
      message_id: reply.id,
      input: { text_length: reply.content.length, channel: reply.channel },
    };
    const task = async (llm: LlmPort) => {
      const answer = await llm.classifyReply(input);
      return { ...answer, output: normalizeClassification(answer.output) };
    };
    const assess = (output: ReplyClassification) => ({
      success: true,
      qualified: output.label === 'interested' || output.label === 'meeting_request',
    });
    try {
      const done = await this.llm.call(tenantId, ctx, task, { assess });
      return { result: done.output, interactionId: done.interaction_id };
    } catch (err) {
      const retryable = !(err instanceof ProviderError) || err.retryable;
      if (retryable && !lastAttempt) throw err;
      this.logger.warn(
        { tenant_id: tenantId, message_id: reply.id, err },
        "The tenant's model failed: classified by the local provider",
      );
      const done = await this.llm.call(tenantId, ctx, task, { assess, llm: this.llm.local() });
      return { result: done.output, interactionId: done.interaction_id };
    }
  }

  /**
   * The classification, the lead's score and qualification, and what the class means, in one transaction. The
   * message's previous class is read under the lead's lock: a run that crossed this one (the first classification
   * still retrying when a reclassification was asked) has committed by then, and what it did is undone from there.
   */
  private async store(
    tenantId: string,
    reply: ClassifiedReply,
    classified: { result: ReplyClassification; interactionId: string | null },
    reclassify: boolean,
    keyword: boolean,
  ): Promise<StoredClassification | { storedBefore: string } | undefined> {
    const { result, interactionId } = classified;
    const settings = scoringSettings(reply.tenant_settings);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const lead = await lockLead(tx, tenantId, reply.lead_id);
      if (!lead) return undefined;
      const previous = await storedLabel(tx, tenantId, reply.id);
      if (previous && !reclassify) return { storedBefore: previous };
      await upsertClassification(tx, tenantId, reply, result, interactionId);
      if (await newerReplyClassified(tx, tenantId, reply)) {
        const outcome = await applyClass({ tx, tenantId, reply, lead, result, previous, keyword, now });
        // The lead's class and score follow its latest reply: an older one's (a slow or retried job, a
        // reclassification) is kept on its message, and its meeting request still flags the lead.
        if (outcome.meetingRequestedAt)
          await tenantQuery(
            tx,
            tenantId,
            `UPDATE leads SET meeting_requested_at = COALESCE(meeting_requested_at, $3), updated_at = $3
              WHERE tenant_id = $1 AND id = $2 RETURNING id`,
            [lead.id, outcome.meetingRequestedAt],
          );
        for (const entry of outcome.activity) await this.activity.record(tenantId, null, entry, tx);
        return {
          result,
          interactionId,
          notifications: [],
          ownerId: lead.ownerId,
          score: lead.score,
          qualification: lead.qualificationStatus,
          threshold: settings.qualified_threshold,
          crossed: false,
          classification: lead.classification,
          outcome,
        };
      }
      const engagement = await engagementOf(tx, tenantId, lead.id);
      const before = lead.score;
      const score = lead.scoreOverridden
        ? lead.score
        : leadScore(result.label, result.confidence, engagement, settings);
      // A classification a person set holds, and the qualification follows it, not the model's reading.
      const classification = lead.classificationOverridden ? lead.classification : result.label;
      const qualification = qualificationStatus(
        isReplyLabel(classification) ? classification : result.label,
        score,
        settings,
      );
      const crossed = crossedThreshold(before, score, settings);
      const outcome = await applyClass({ tx, tenantId, reply, lead, result, previous, keyword, now });
      await tenantQuery(
        tx,
        tenantId,
        `UPDATE leads
            SET classification = $3, classification_confidence = $4, classification_reason = $5,
                classified_at = $6, score = $7, qualification_status = $8,
                meeting_requested_at = COALESCE($9, meeting_requested_at), updated_at = $6
          WHERE tenant_id = $1 AND id = $2
          RETURNING id`,
        [
          lead.id,
          classification,
          result.confidence,
          result.reason,
          now,
          score,
          qualification,
          outcome.meetingRequestedAt,
        ],
      );
      if (crossed) {
        outcome.activity.push({
          type: 'lead.qualified',
          description: `The lead's score reached ${score}, at or above the qualification threshold (${settings.qualified_threshold})`,
          data: { lead_id: lead.id, message_id: reply.id, score, previous_score: before, classification },
        });
      }
      for (const entry of outcome.activity) await this.activity.record(tenantId, null, entry, tx);
      const notifications = crossed ? await this.notifyQualified(tx, tenantId, lead, score, now) : [];
      return {
        result,
        interactionId,
        notifications,
        ownerId: lead.ownerId,
        score,
        qualification,
        threshold: settings.qualified_threshold,
        crossed,
        classification,
        outcome,
      };
    });
  }

  /**
   * A lead that crossed the threshold, to its owner, or when it has none to the tenant's admins and managers: in the
   * transaction that scored it, so a job retried after it committed never tells it twice.
   */
  private async notifyQualified(
    tx: EntityManager,
    tenantId: string,
    lead: LeadEntity,
    score: number,
    now: Date,
  ): Promise<NotificationEntity[]> {
    const recipients = lead.ownerId ? [lead.ownerId] : await this.notifications.staff(tx, tenantId);
    const name =
      [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email || lead.phone || 'A lead';
    return this.notifications.create(
      tx,
      tenantId,
      recipients,
      {
        type: 'lead',
        title: 'New qualified lead',
        message: `${name} reached a score of ${score} and is ready for follow-up`,
        data: { lead_id: lead.id, lead_name: name, score },
        leadId: lead.id,
      },
      now,
    );
  }

  /** A retried job: the confirmation of an opt-out it recorded, and the AI's answer, both once by their keys. */
  private async finishRetry(tenantId: string, reply: ClassifiedReply, label: string): Promise<void> {
    if (label === 'unsubscribe' && (await classifiedOptOutRecorded(this.sql, tenantId, reply.id))) {
      await this.followUps.confirmOptOut(tenantId, reply);
    }
    await this.followUps.queueAutoReply(tenantId, reply, label);
  }
}

/** Whether a later message of the reply's lead has been classified already (it decides the lead's class). */
async function newerReplyClassified(
  tx: SqlRunner,
  tenantId: string,
  reply: { id: string; lead_id: string; created_at: Date },
): Promise<boolean> {
  const [row] = await tenantQuery<{ newer: boolean }>(
    tx,
    tenantId,
    `SELECT EXISTS (
       SELECT 1 FROM reply_classifications rc
         JOIN messages m ON m.tenant_id = rc.tenant_id AND m.id = rc.message_id
        WHERE rc.tenant_id = $1 AND rc.lead_id = $2 AND rc.message_id <> $3
          AND (m.created_at, m.id) > ($4::timestamptz, $3::uuid)) AS newer`,
    [reply.lead_id, reply.id, reply.created_at],
  );
  return row.newer;
}
