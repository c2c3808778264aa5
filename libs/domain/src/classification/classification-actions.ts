import type { LeadEntity } from '@app/db';
import type { ReplyClassification } from '@app/providers';
import type { EntityManager } from 'typeorm';
import type { ActivityEntry } from '../activity/activity.service';
import { stopAgainOnReply, stopOnMeetingRequest, stopOnOptOut } from '../campaign-engine/enrollment-stops';
import { senderAddress } from '../inbound/inbound-lead.resolver';
import { recordOptOut } from '../inbound/opt-out.recorder';
import {
  enrollmentsGoingOn,
  enrollmentsStoppedAt,
  leadAddress,
  optedInSince,
  postponeEnrollment,
  ReplyRow,
  replyStamp,
  resumeEnrollment,
  stopAsCancelled,
} from './classification.store';
import { describeReferral } from './classification-result';
import { resumeAt, resumeZone } from './out-of-office';

export interface ActionContext {
  tx: EntityManager;
  tenantId: string;
  reply: ReplyRow & { lead_id: string };
  lead: LeadEntity;
  result: ReplyClassification;
  /** The message's class before this run (a reclassification), if any: a repeated class is not logged again. */
  previous: string | undefined;
  /** The message was a STOP keyword: its opt-out was recorded when it arrived. */
  keyword: boolean;
  now: Date;
}

export interface ActionOutcome {
  /** This classification opted the lead out of the message's channel. */
  optedOut: boolean;
  /** Enrollments an out-of-office reply put back to `waiting`. */
  resumed: number;
  /** The campaigns whose enrollments of the lead this class moved (their totals changed), repeats possible. */
  campaigns: string[];
  /** The lead's new meeting request time, when this reply set it. */
  meetingRequestedAt: Date | null;
  activity: ActivityEntry[];
}

/**
 * What a class means for the lead, in the transaction that stores it (issue 7 item 2). Each action is
 * idempotent, so a reclassification repeats none of them: an opt-out already recorded is not recorded again, the
 * enrollments an out-of-office reply resumed are no longer `replied`, a repeated class is not logged twice. A reply
 * read as out-of-office before and as another class now stops again the sequences the first reading resumed.
 */
export async function applyClass(ctx: ActionContext): Promise<ActionOutcome> {
  const outcome: ActionOutcome = {
    optedOut: false,
    resumed: 0,
    campaigns: [],
    meetingRequestedAt: null,
    activity: [],
  };
  const { result, reply } = ctx;
  const changed = ctx.previous !== result.label;
  if (ctx.previous === 'out_of_office' && changed) outcome.campaigns.push(...(await stopResumed(ctx)));
  switch (result.label) {
    case 'unsubscribe':
      if (!ctx.keyword) outcome.optedOut = await optOut(ctx, outcome.campaigns);
      if (outcome.optedOut) {
        outcome.activity.push({
          type: 'lead.opted_out',
          description: `The lead asked not to be contacted on ${reply.channel} again: opted out`,
          data: {
            lead_id: ctx.lead.id,
            message_id: reply.id,
            channel: reply.channel,
            source: 'classification',
          },
        });
      }
      break;
    case 'out_of_office': {
      const moved = await resumeSequences(ctx);
      outcome.resumed = moved.resumed;
      outcome.campaigns.push(...moved.campaigns);
      if (changed || outcome.resumed) {
        outcome.activity.push({
          type: 'lead.out_of_office',
          description: result.return_date
            ? `The lead is out of the office until ${result.return_date}; ${outcome.resumed} sequence(s) paused until then`
            : `The lead is out of the office; ${outcome.resumed} sequence(s) paused for a week`,
          status: 'info',
          data: {
            lead_id: ctx.lead.id,
            message_id: reply.id,
            return_date: result.return_date,
            resumed_enrollments: outcome.resumed,
          },
        });
      }
      break;
    }
    case 'meeting_request': {
      const asked = reply.created_at;
      if (!ctx.lead.meetingRequestedAt || ctx.lead.meetingRequestedAt < asked)
        outcome.meetingRequestedAt = asked;
      // The sequences a reply does not stop (stop_on_reply off) stop too: the lead asked to talk.
      outcome.campaigns.push(...(await stopOnMeetingRequest(ctx.tx, ctx.tenantId, ctx.lead.id, ctx.now)));
      if (changed) {
        outcome.activity.push({
          type: 'lead.meeting_requested',
          description: 'The lead asked for a meeting',
          data: { lead_id: ctx.lead.id, message_id: reply.id },
        });
      }
      break;
    }
    case 'wrong_person': {
      const referral = describeReferral(result.referral);
      if (changed) {
        outcome.activity.push({
          type: 'lead.wrong_person',
          description: referral
            ? `The lead is not the right contact and referred ${referral}`
            : 'The lead is not the right contact',
          status: 'info',
          data: { lead_id: ctx.lead.id, message_id: reply.id, referral: result.referral },
        });
      }
      break;
    }
    default:
      break;
  }
  return outcome;
}

/**
 * An unsubscribe in free text opts the lead out of the message's channel exactly as STOP does (DESIGN §7.1):
 * listed, flagged and its sequences on the channel stopped as opted out (their campaigns added to `campaigns`). Not
 * when the lead opted back in since.
 */
async function optOut(ctx: ActionContext, campaigns: string[]): Promise<boolean> {
  const { tx, tenantId, reply, lead } = ctx;
  if (await optedInSince(tx, tenantId, reply)) return false;
  const from = reply.sender ?? (await leadAddress(tx, tenantId, lead, reply.channel));
  if (!from) return false;
  const sentAt = new Date(Math.min(receivedAt(reply).getTime(), ctx.now.getTime()));
  const optedOut = await recordOptOut(
    tx,
    tenantId,
    lead,
    senderAddress({ channel: reply.channel, from }),
    sentAt,
  );
  campaigns.push(
    ...(await stopOnOptOut(
      tx,
      tenantId,
      lead.id,
      reply.channel,
      ctx.now,
      await replyStamp(tx, tenantId, reply),
    )),
  );
  return optedOut;
}

/**
 * An out-of-office reply is not a real reply: the enrollments it stopped go back to `waiting`, due at 09:00 on
 * the return date in the lead's zone (else the campaign's, else the tenant's), or a week on without a date. Those
 * it did not stop (`stop_on_reply` off) wait until then too, the lead being away. One of a cancelled campaign is
 * stopped as its cancel left the rest. Answers how many it paused, and the campaign of each enrollment it moved.
 */
async function resumeSequences(ctx: ActionContext): Promise<{ resumed: number; campaigns: string[] }> {
  const { tx, tenantId, reply, lead, result, now } = ctx;
  const at = (campaignZone: string | null) =>
    resumeAt(
      result.return_date,
      resumeZone(lead, campaignZone, reply.tenant_timezone),
      receivedAt(reply),
      now,
    );
  const resumed: string[] = [];
  const cancelled: string[] = [];
  const stamp = await replyStamp(tx, tenantId, reply);
  if (stamp) {
    for (const enrollment of await enrollmentsStoppedAt(tx, tenantId, lead.id, stamp)) {
      if (enrollment.campaign_status === 'cancelled') {
        if (await stopAsCancelled(tx, tenantId, enrollment.id, now)) cancelled.push(enrollment.campaign_id);
      } else if (await resumeEnrollment(tx, tenantId, enrollment, at(enrollment.campaign_timezone), now))
        resumed.push(enrollment.campaign_id);
    }
  }
  for (const enrollment of await enrollmentsGoingOn(tx, tenantId, lead.id)) {
    if (await postponeEnrollment(tx, tenantId, enrollment.id, at(enrollment.campaign_timezone), now))
      resumed.push(enrollment.campaign_id);
  }
  return { resumed: resumed.length, campaigns: [...resumed, ...cancelled] };
}

/**
 * The reply is no longer read as out-of-office: the sequences that reading resumed stop again, as it stopped them.
 * Answers their campaigns.
 */
async function stopResumed(ctx: ActionContext): Promise<string[]> {
  const stamp = await replyStamp(ctx.tx, ctx.tenantId, ctx.reply);
  return stamp ? stopAgainOnReply(ctx.tx, ctx.tenantId, ctx.lead.id, stamp, ctx.now) : [];
}

/** When the lead's message arrived: as the provider reported it, else when it was recorded. */
export function receivedAt(reply: ReplyRow): Date {
  const reported = reply.received_at ? new Date(reply.received_at) : null;
  return reported && !Number.isNaN(reported.getTime()) ? reported : reply.created_at;
}
