import { Webhook } from '@app/auth';
import { AppError, Clock, RawResponse } from '@app/common';
import {
  ChannelConfigChanges,
  VoiceAnswersService,
  VoiceChannel,
  VoiceChannelsService,
  VoiceEvent,
  voiceEventKey,
  WebhookIntakeService,
} from '@app/domain';
import {
  emptyTwiml,
  headerValue,
  parseVoiceAmd,
  parseVoiceCallStatus,
  parseVoiceConferenceStatus,
  parseVoiceInbound,
  parseVoiceRecording,
  TWILIO_SIGNATURE_HEADER,
  verifyTwilioSignature,
} from '@app/providers';
import { Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formOf } from './twilio-form';
import { VerifiedChannels, WebhookChannels, webhookRefused } from './webhook-channels';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Twilio's voice webhooks (seed 001; the telephony simulator posts the same): find the tenant's voice config by
 * `?key=`, check X-Twilio-Signature against PUBLIC_BASE_URL + path + query with its auth token, record the event
 * once (Twilio's retries are answered the same and never applied twice), queue `calls.event`, and answer — TwiML
 * for the routes Twilio reads it from.
 */
@ApiExcludeController()
@Controller('webhooks/twilio')
export class TwilioVoiceWebhooksController {
  private readonly verifiedChannels: VerifiedChannels<VoiceChannel>;

  constructor(
    private readonly voice: VoiceChannelsService,
    private readonly answers: VoiceAnswersService,
    private readonly intake: WebhookIntakeService,
    private readonly webhooks: WebhookChannels,
    private readonly clock: Clock,
    changes: ChannelConfigChanges,
  ) {
    this.verifiedChannels = new VerifiedChannels(changes);
  }

  @Post('answer')
  @HttpCode(200)
  @Webhook()
  @RawResponse()
  async answer(
    @Query('key') key: unknown,
    @Query('callId') callId: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { channel, form } = await this.verified(key, req);
    const id = callIdOf(callId);
    const parsed = parseVoiceCallStatus(form);
    if (!parsed) throw AppError.field('CallSid', 'and CallStatus are required');
    await this.record(channel, { kind: 'call', type: 'answer', call_id: id, form: parsed });
    return twiml(reply, await this.answers.answer(channel, id));
  }

  @Post('agent-answer')
  @HttpCode(200)
  @Webhook()
  @RawResponse()
  async agentAnswer(
    @Query('key') key: unknown,
    @Query('callId') callId: unknown,
    @Query('announce') announce: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { channel, form } = await this.verified(key, req);
    const id = callIdOf(callId);
    if (announce === '1') return twiml(reply, await this.answers.agentAnswer(channel, id, true));
    const parsed = parseVoiceCallStatus(form);
    if (!parsed) throw AppError.field('CallSid', 'and CallStatus are required');
    await this.record(channel, { kind: 'call', type: 'agent-answer', call_id: id, form: parsed });
    return twiml(reply, await this.answers.agentAnswer(channel, id, false));
  }

  @Post('voice-inbound')
  @HttpCode(200)
  @Webhook()
  @RawResponse()
  async inbound(
    @Query('key') key: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { channel, form } = await this.verified(key, req);
    const parsed = parseVoiceInbound(form);
    if (!parsed) throw AppError.field('CallSid', 'and From, To, Direction=inbound are required');
    const { call, twiml: answer } = await this.answers.inbound(channel, parsed);
    await this.record(channel, { kind: 'call', type: 'inbound', call_id: call.id, form: parsed });
    return twiml(reply, answer);
  }

  @Post('status')
  @HttpCode(200)
  @Webhook()
  async status(@Query('key') key: unknown, @Query('callId') callId: unknown, @Req() req: FastifyRequest) {
    const { channel, form } = await this.verified(key, req);
    const parsed = parseVoiceCallStatus(form);
    if (!parsed) throw AppError.field('CallStatus', 'and CallSid are required');
    // Without `callId`: the number's own status callback (an inbound call), matched by its CallSid.
    const given = (req.query as Record<string, unknown> | undefined)?.callId;
    const id = given === undefined || given === '' ? null : callIdOf(callId);
    return this.record(channel, { kind: 'call', type: 'status', call_id: id, form: parsed });
  }

  @Post('amd')
  @HttpCode(200)
  @Webhook()
  async amd(@Query('key') key: unknown, @Query('callId') callId: unknown, @Req() req: FastifyRequest) {
    const { channel, form } = await this.verified(key, req);
    const parsed = parseVoiceAmd(form);
    if (!parsed) throw AppError.field('AnsweredBy', 'and CallSid are required');
    return this.record(channel, { kind: 'call', type: 'amd', call_id: callIdOf(callId), form: parsed });
  }

  @Post('conference-status')
  @HttpCode(200)
  @Webhook()
  async conference(@Query('key') key: unknown, @Query('callId') callId: unknown, @Req() req: FastifyRequest) {
    const { channel, form } = await this.verified(key, req);
    const parsed = parseVoiceConferenceStatus(form);
    if (!parsed) throw AppError.field('StatusCallbackEvent', 'and ConferenceSid, FriendlyName are required');
    return this.record(channel, {
      kind: 'call',
      type: 'conference',
      call_id: callIdOf(callId),
      form: parsed,
    });
  }

  @Post('recording')
  @HttpCode(200)
  @Webhook()
  async recording(@Query('key') key: unknown, @Query('callId') callId: unknown, @Req() req: FastifyRequest) {
    const { channel, form } = await this.verified(key, req);
    const parsed = parseVoiceRecording(form);
    if (!parsed) throw AppError.field('RecordingSid', 'and RecordingStatus, CallSid are required');
    return this.record(channel, { kind: 'call', type: 'recording', call_id: callIdOf(callId), form: parsed });
  }

  /** Recorded with the time it came (the platform clock's): its job applies it at that time, however late it runs. */
  private record(channel: VoiceChannel, event: VoiceEvent) {
    const received: VoiceEvent = { ...event, received_at: this.clock.now().toISOString() };
    return this.intake.record(
      channel.tenantId,
      channel.provider,
      [{ event_key: voiceEventKey(event), event: received }],
      'calls.event',
    );
  }

  /** Only the routing key is read before the signature checks out (DESIGN §7.7); then the form. */
  private async verified(key: unknown, req: FastifyRequest) {
    if (typeof key !== 'string' || !key) throw webhookRefused();
    const form = formOf(req.body);
    const signature = headerValue(req.headers[TWILIO_SIGNATURE_HEADER]);
    const url = this.webhooks.publicUrl(req);
    const channel = await this.verifiedChannels.find(
      key,
      (k) => this.voice.findByWebhookKey(k),
      (c) => !!c.signingSecret && verifyTwilioSignature(c.signingSecret, signature, url, form),
    );
    if (!channel) throw webhookRefused();
    return { channel, form };
  }
}

function callIdOf(value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value))
    throw AppError.field('callId', 'must be our call id (a UUID)');
  return value.toLowerCase();
}

function twiml(reply: FastifyReply, body: string): string {
  void reply.header('content-type', 'text/xml; charset=utf-8');
  return body || emptyTwiml();
}
