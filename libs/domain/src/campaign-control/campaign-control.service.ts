import { AppError, Clock, ErrorCode, Page, PageWindow } from '@app/common';
import {
  CampaignEnrollmentEntity,
  CampaignStepEntity,
  FINAL_ENROLLMENT_STATUSES,
  MessageEntity,
} from '@app/db';
import type { MessagingChannel } from '@app/providers';
import { JobProducer } from '@app/queues';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { enrollmentChannel, stepChannel } from '../campaigns/campaign-steps';
import type { PolicyChannel } from '../contact-policy/contact-policy.service';
import { OutboundMessagesService, SendInput } from '../messaging/outbound-messages.service';
import { WorkflowHeldSends } from '../workflows/workflow-held-sends';
import { CampaignConversationRepository } from './campaign-conversation.repository';
import { ControlledCampaign, EnrollmentControlRepository } from './enrollment-control.repository';

export interface CampaignLeadConversation {
  enrollment: CampaignEnrollmentEntity;
  messages: Page<MessageEntity>;
}

export type CampaignManualSend = Pick<
  SendInput,
  'body' | 'template' | 'media_urls' | 'attachment_ids' | 'subject' | 'idempotency_key'
> & { channel?: MessagingChannel };

type Action = 'override' | 'cede';

const ACTIVITY: Record<Action, { type: string; description: string }> = {
  override: {
    type: 'campaign.lead_overridden',
    description: "A user took a campaign's lead over: automated sends to it stop",
  },
  cede: {
    type: 'campaign.lead_ceded',
    description: "A user ceded a campaign's lead back to automation",
  },
};

/**
 * Human control of one lead in one campaign (seed 002's outreach engine, DESIGN §7.5): its history, a manual
 * message (which overrides, through HumanTakeover), override and cede.
 */
@Injectable()
export class CampaignControlService {
  constructor(
    private readonly db: DataSource,
    private readonly enrollments: EnrollmentControlRepository,
    private readonly history: CampaignConversationRepository,
    private readonly outbound: OutboundMessagesService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly producer: JobProducer,
    private readonly heldSends: WorkflowHeldSends,
  ) {}

  async conversation(
    auth: AuthContext,
    campaignId: string,
    leadId: string,
    window: PageWindow,
  ): Promise<CampaignLeadConversation> {
    const { steps, enrollment } = await this.target(auth.tenantId, campaignId, leadId);
    const [rows, total] = await this.history.list(
      auth.tenantId,
      { lead_id: leadId, campaign_id: campaignId, channels: campaignChannels(steps) },
      window,
    );
    return { enrollment, messages: new Page(rows, total, window.limit, window.offset) };
  }

  /** A manual message: recorded and sent as the caller's, tagged with the campaign; it overrides automation. */
  async send(
    auth: AuthContext,
    campaignId: string,
    leadId: string,
    input: CampaignManualSend,
  ): Promise<MessageEntity> {
    const { steps } = await this.target(auth.tenantId, campaignId, leadId);
    const { channel, ...message } = input;
    return this.outbound.send(auth.tenantId, {
      ...message,
      lead_id: leadId,
      channel: channel ?? defaultChannel(steps),
      sender: 'agent',
      sender_user_id: auth.userId,
      campaign_id: campaignId,
    });
  }

  override(auth: AuthContext, campaignId: string, leadId: string): Promise<CampaignEnrollmentEntity> {
    return this.control(auth, campaignId, leadId, 'override');
  }

  /**
   * Automation resumes where it stopped: the fan-out sends what the override held and takes the lead if due, and
   * the lead's workflow sends held by it go on (when nothing else holds the lead).
   */
  async cede(auth: AuthContext, campaignId: string, leadId: string): Promise<CampaignEnrollmentEntity> {
    const enrollment = await this.control(auth, campaignId, leadId, 'cede');
    await this.producer.enqueue('campaigns.fanout', { tenant_id: auth.tenantId, campaign_id: campaignId });
    await this.heldSends.release(auth.tenantId, [leadId]);
    return enrollment;
  }

  /** Both are idempotent: only a change of `ai_paused` is recorded in the activity log. */
  private async control(
    auth: AuthContext,
    campaignId: string,
    leadId: string,
    action: Action,
  ): Promise<CampaignEnrollmentEntity> {
    const { campaign, steps } = await this.target(auth.tenantId, campaignId, leadId);
    const channels = campaignChannels(steps);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      await this.enrollments.lockConversations(tx, auth.tenantId, leadId, channels);
      await this.enrollments.lockLead(tx, auth.tenantId, leadId);
      const e = await this.enrollments.find(auth.tenantId, campaignId, leadId, tx);
      if (!e) throw AppError.notFound('Enrollment');
      // A sequence over but for its last message, held by a takeover (pauseAllOfLead), can still be ceded.
      const heldLast = action === 'cede' && e.status === 'completed' && e.aiPaused;
      if (FINAL_ENROLLMENT_STATUSES.includes(e.status) && !heldLast) {
        throw new AppError(
          ErrorCode.CONFLICT,
          `The lead's enrollment has ended (${e.status}): there is nothing to ${action}`,
          { status: e.status },
        );
      }
      // An override takes the lead over, as a manual message does (DESIGN §7.5: sends to that lead stop, whichever
      // campaign they come from): each of its running enrollments pauses, and each campaign's cede resumes its own.
      const changes =
        action === 'override'
          ? (await this.enrollments.pauseAllOfLead(tx, auth.tenantId, leadId, now)) > 0
          : e.aiPaused;
      if (changes) {
        if (action === 'cede')
          await this.enrollments.release(tx, auth.tenantId, e.id, now, campaign.status === 'draft');
        await this.activity.record(
          auth.tenantId,
          auth,
          {
            ...ACTIVITY[action],
            data: { campaign_id: campaignId, lead_id: leadId, enrollment_id: e.id },
          },
          tx,
        );
      }
      // A cede hands back only what no other override of the lead still holds (another campaign's, an inbox's).
      if (action === 'override') await this.enrollments.toHuman(tx, auth.tenantId, leadId, channels);
      else await this.enrollments.handBack(tx, auth.tenantId, leadId, channels);
      if (!changes) return e;
      return (await this.enrollments.find(auth.tenantId, campaignId, leadId, tx)) as CampaignEnrollmentEntity;
    });
  }

  /** The tenant's campaign and the lead's enrollment in it; 404 naming what is missing. */
  private async target(
    tenantId: string,
    campaignId: string,
    leadId: string,
  ): Promise<ControlledCampaign & { enrollment: CampaignEnrollmentEntity }> {
    const found = await this.enrollments.findCampaign(tenantId, campaignId);
    if (!found) throw AppError.notFound('Campaign');
    const enrollment = await this.enrollments.find(tenantId, campaignId, leadId);
    if (enrollment) return { ...found, enrollment };
    if (!(await this.enrollments.leadExists(tenantId, leadId))) throw AppError.notFound('Lead');
    throw new AppError(ErrorCode.NOT_FOUND, 'The lead is not enrolled in this campaign');
  }
}

/** Every channel the campaign's steps use: the lead's conversations with it. */
function campaignChannels(steps: CampaignStepEntity[]): PolicyChannel[] {
  return [...new Set(steps.map(stepChannel).filter((c): c is PolicyChannel => c !== null))];
}

/** A manual message goes, unless told otherwise, on the channel of the campaign's first message step. */
function defaultChannel(steps: CampaignStepEntity[]): MessagingChannel {
  const channel = enrollmentChannel(steps);
  if (!channel) throw AppError.field('channel', 'is required: the campaign has no message step');
  if (channel === 'voice')
    throw AppError.field(
      'channel',
      "is required: the campaign's first step is a call, which takes no messages",
    );
  return channel;
}
