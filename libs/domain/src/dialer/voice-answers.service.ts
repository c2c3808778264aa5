import { Clock } from '@app/common';
import {
  broadcastTwiml,
  hangupTwiml,
  holdConferenceTwiml,
  VoiceInboundForm,
  whisperTwiml,
} from '@app/providers';
import { Injectable } from '@nestjs/common';
import { renderTemplate } from '../campaigns/message-template';
import { Conferences } from '../voice/voice-urls';
import { VoiceChannel } from '../voice/voice-channels.service';
import { agentAnswerTwiml } from './agent-lines';
import { DialerCall, DialerCallsRepository } from './dialer-calls.repository';
import { DialerPoolRepository } from './dialer-pool.repository';
import { LeadCards, whisperOf } from './lead-cards';

const LIVE_LEG_GREETING = 'You are connected. Your calls will come through on this line.';

/**
 * The TwiML our voice webhooks answer (seed 001's answer and agent-answer, seed 003's inbound calls), read from
 * the call's row: a dialed lead waits in its own conference for AMD or an agent; a broadcast plays its message;
 * an agent's leg hears the whisper and joins the lead's (or their own) conference; an inbound caller waits for
 * the longest-idle agent of the number's group.
 */
@Injectable()
export class VoiceAnswersService {
  constructor(
    private readonly calls: DialerCallsRepository,
    private readonly pool: DialerPoolRepository,
    private readonly leads: LeadCards,
    private readonly clock: Clock,
  ) {}

  async answer(channel: VoiceChannel, callId: string): Promise<string> {
    const call = await this.calls.find(channel.tenantId, callId);
    if (!call || call.end_time || call.metadata.abandoned_at) return hangupTwiml();
    if (call.kind === 'broadcast') {
      // The message is spoken as written for this lead: its placeholders filled in (`{{first_name|there}}`).
      const message = typeof call.metadata.message === 'string' ? call.metadata.message : undefined;
      const lead =
        message && call.lead_id ? await this.leads.templateLead(channel.tenantId, call.lead_id) : null;
      const text = message ? renderTemplate(message, lead ?? {}).trim() || undefined : undefined;
      const audioUrl = typeof call.metadata.audio_url === 'string' ? call.metadata.audio_url : undefined;
      return text || audioUrl ? broadcastTwiml({ text, audioUrl }) : hangupTwiml();
    }
    if (call.kind !== 'dialer') return hangupTwiml();
    return this.hold(channel, call);
  }

  /** An agent's leg answered (`announce`: the whisper alone, played to the agent in their conference). */
  async agentAnswer(channel: VoiceChannel, callId: string, announce: boolean): Promise<string> {
    const call = await this.calls.find(channel.tenantId, callId);
    if (!call) return hangupTwiml();
    if (announce) return whisperTwiml({ text: await this.whisper(call) });
    if (call.kind !== 'agent_leg' || !call.agent_id || call.end_time) return hangupTwiml();
    if (!call.parent_call_id)
      return agentAnswerTwiml(channel, call.id, Conferences.ofAgent(call.agent_id), LIVE_LEG_GREETING);
    const parent = await this.calls.find(channel.tenantId, call.parent_call_id);
    if (!parent || parent.end_time) return hangupTwiml();
    return agentAnswerTwiml(channel, call.id, Conferences.ofCall(parent.id), await this.whisper(parent));
  }

  /**
   * A call to the tenant's number: its row (once per CallSid), then the caller waits for an agent. The TwiML we
   * answer holds the caller in a conference, which answers the call (Twilio's `in-progress`): it started and was
   * answered now, the webhook's time. A number's status callback may come only at the call's end; it moves the
   * call forward from there and keeps these times.
   */
  async inbound(channel: VoiceChannel, form: VoiceInboundForm): Promise<{ call: DialerCall; twiml: string }> {
    const now = this.clock.now();
    const lead = await this.leads.byPhone(channel.tenantId, form.from);
    const call =
      (await this.calls.insert(
        channel.tenantId,
        {
          kind: 'inbound',
          direction: 'inbound',
          call_sid: form.call_sid,
          from_number: form.from,
          to_number: form.to,
          lead_id: lead?.id ?? null,
          status: 'in-progress',
          start_time: now,
          answer_time: now,
          metadata: {
            agent_group_id: channel.inboundGroupId,
            ...(form.caller_name ? { caller_name: form.caller_name } : {}),
          },
        },
        now,
      )) ?? (await this.calls.findBySid(channel.tenantId, form.call_sid));
    if (!call) throw new Error(`Inbound call ${form.call_sid} neither inserted nor found`);
    const live = call.kind === 'inbound' && !call.end_time;
    return { call, twiml: live ? this.hold(channel, call) : hangupTwiml() };
  }

  private hold(channel: VoiceChannel, call: DialerCall): string {
    return holdConferenceTwiml({
      conferenceName: Conferences.ofCall(call.id),
      statusCallbackUrl: channel.urls.conference(call.id),
      // Alone in it, the lead leaving ends it (an agent called into it hangs up with them).
      endConferenceOnExit: true,
    });
  }

  private async whisper(call: DialerCall): Promise<string> {
    const card = call.lead_id ? await this.leads.card(call.tenant_id, call.lead_id) : null;
    const campaign = call.campaign_id ? await this.pool.campaign(call.tenant_id, call.campaign_id) : null;
    if (!card && call.kind === 'inbound')
      return `Incoming call from ${call.from_number ?? 'an unknown number'}.`;
    return whisperOf(card, campaign?.name ?? null);
  }
}
