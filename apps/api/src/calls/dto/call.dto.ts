import { CALL_DISPOSITIONS, CALL_OUTCOMES, CALL_STATUSES } from '@app/db';
import { ANSWERED_BY_VALUES, formatDuration, LEAD_CALL_KINDS, recordingPath } from '@app/domain';
import type { CallRow, CallSummary, DispositionCount } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** One call: seed 001's record, its lead's name and phone, its campaign's and agent's names, seed 003's forms. */
export class CallDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) campaign_id!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) lead_id!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) agent_id!: string | null;
  @ApiProperty({ enum: LEAD_CALL_KINDS, example: 'dialer' }) kind!: string;
  @ApiProperty({ type: String, example: 'CA1234567890abcdef', nullable: true }) call_sid!: string | null;
  @ApiProperty({ type: String, example: 'CF1234567890abcdef', nullable: true }) conference_sid!:
    string | null;
  @ApiProperty({ type: String, example: '+14155551234', nullable: true }) from_number!: string | null;
  @ApiProperty({ type: String, example: '+14155552671', nullable: true }) to_number!: string | null;
  @ApiProperty({ enum: ['inbound', 'outbound'], example: 'outbound' }) direction!: string;
  @ApiProperty({ enum: CALL_STATUSES, example: 'completed', description: "Twilio's status" }) status!: string;
  @ApiProperty({ enum: ANSWERED_BY_VALUES, example: 'human', nullable: true }) answered_by!: string | null;
  @ApiProperty({ type: String, example: '2024-01-15T10:30:00.000Z', nullable: true }) start_time!:
    string | null;
  @ApiProperty({ type: String, example: '2024-01-15T10:30:15.000Z', nullable: true }) answer_time!:
    string | null;
  @ApiProperty({
    type: String,
    example: '2024-01-15T10:30:16.000Z',
    nullable: true,
    description: 'Bridged to the agent',
  })
  connected_at!: string | null;
  @ApiProperty({ type: String, example: '2024-01-15T10:35:30.000Z', nullable: true }) end_time!:
    string | null;
  @ApiProperty({ type: Number, example: 330, nullable: true, description: 'Seconds' }) duration!:
    number | null;
  @ApiProperty({ type: Number, example: 315, nullable: true, description: 'Seconds talking to a person' })
  talk_time!: number | null;
  @ApiProperty({ enum: CALL_DISPOSITIONS, example: 'answered', nullable: true }) disposition!: string | null;
  @ApiProperty({
    enum: CALL_OUTCOMES,
    example: 'interested',
    nullable: true,
    description: "The agent's wrap-up (PUT /api/calls/:id): how the conversation went",
  })
  outcome!: string | null;
  @ApiProperty({
    type: String,
    example: 'https://api.twilio.com/2010-04-01/Accounts/AC123/Recordings/RE123',
    nullable: true,
    description:
      "The provider's URL (seed 001), kept as the provider gave it: playing it needs the provider's credentials. Play recording_path instead.",
  })
  recording_url!: string | null;
  @ApiProperty({
    type: String,
    example: '/api/calls/6d1c9f1e-0b1a-4b5e-9a55-3b0d8c2f7e11/recording',
    nullable: true,
    description:
      'Where this API streams the recording with your own JWT or API key (GET); null when the call has none (never recorded, or erased)',
  })
  recording_path!: string | null;
  @ApiProperty({ type: String, example: 'RE1234567890abcdef', nullable: true }) recording_sid!: string | null;
  @ApiProperty({ type: Number, example: 315, nullable: true }) recording_duration!: number | null;
  @ApiProperty({
    type: Number,
    example: 0.077,
    nullable: true,
    description:
      'What the telephony provider billed for the call, in its price unit (USD): asked of the provider after the call ended (Twilio prices a call a while after it completed); null until the provider priced it, and for a call it never priced',
  })
  cost!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: {} }) metadata!: Record<
    string,
    unknown
  >;
  @ApiProperty({ type: String, example: null, nullable: true }) notes!: string | null;
  @ApiProperty({ example: '2024-01-15T10:30:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2024-01-15T10:35:30.000Z' }) updated_at!: string;
  @ApiProperty({ type: String, example: 'Sara', nullable: true }) first_name!: string | null;
  @ApiProperty({ type: String, example: 'Ahmed', nullable: true }) last_name!: string | null;
  @ApiProperty({
    type: String,
    example: '+14155552671',
    nullable: true,
    description: "The lead's side of the call",
  })
  phone!: string | null;
  @ApiProperty({ type: String, example: 'Q1 2024 Outreach', nullable: true }) campaign_name!: string | null;
  @ApiProperty({ type: String, example: 'John Doe', nullable: true }) agent_name!: string | null;
  @ApiProperty({
    type: String,
    example: 'Sara Ahmed',
    nullable: true,
    description: "Seed 003's contactName: the name logged with the call, else the lead's",
  })
  contact_name!: string | null;
  @ApiProperty({
    type: String,
    example: '+14155552671',
    nullable: true,
    description: "Seed 003's phoneNumber (= phone)",
  })
  phone_number!: string | null;
  @ApiProperty({
    enum: ['ongoing', 'completed', 'missed', 'not_connected'],
    example: 'completed',
    description:
      "Seed 003's status (what `status=` filters on): ongoing, completed (answered or connected), missed, or not_connected (an outbound call nobody took, busy, failed, abandoned)",
  })
  log_status!: string;
  @ApiProperty({
    type: String,
    example: '00:05:30',
    nullable: true,
    description: "Seed 003's duration, hh:mm:ss",
  })
  duration_hms!: string | null;
  @ApiProperty({ example: '2024-01-15T10:30:00.000Z', description: "Seed 003's timestamp: the call's start" })
  timestamp!: string;

  static from(c: CallRow): CallDto {
    const leadName = [c.first_name, c.last_name].filter(Boolean).join(' ') || null;
    return {
      id: c.id,
      tenant_id: c.tenant_id,
      campaign_id: c.campaign_id,
      lead_id: c.lead_id,
      agent_id: c.agent_id,
      kind: c.kind,
      call_sid: c.call_sid,
      conference_sid: c.conference_sid,
      from_number: c.from_number,
      to_number: c.to_number,
      direction: c.direction,
      status: c.status,
      answered_by: c.answered_by,
      start_time: iso(c.start_time),
      answer_time: iso(c.answer_time),
      connected_at: iso(c.connected_at),
      end_time: iso(c.end_time),
      duration: c.duration,
      talk_time: c.talk_time,
      disposition: c.disposition,
      outcome: c.outcome,
      recording_url: c.recording_url,
      recording_path: recordingPath(c),
      recording_sid: c.recording_sid,
      recording_duration: c.recording_duration,
      cost: c.cost,
      metadata: c.metadata,
      notes: c.notes,
      created_at: c.created_at.toISOString(),
      updated_at: c.updated_at.toISOString(),
      first_name: c.first_name,
      last_name: c.last_name,
      phone: c.phone,
      campaign_name: c.campaign_name,
      agent_name: c.agent_name,
      contact_name: c.contact_name ?? leadName,
      phone_number: c.phone,
      log_status: c.log_status,
      duration_hms: formatDuration(c.duration),
      timestamp: (c.start_time ?? c.created_at).toISOString(),
    };
  }
}

/** Seed 001's statistics, with abandoned and missed calls and the abandonment rate. */
export class CallSummaryDto implements CallSummary {
  @ApiProperty({ example: 1000 }) total_calls!: number;
  @ApiProperty({ example: 450, description: 'Disposition answered (a person)' }) answered_calls!: number;
  @ApiProperty({ example: 300 }) voicemail_calls!: number;
  @ApiProperty({ example: 150 }) no_answer_calls!: number;
  @ApiProperty({ example: 75 }) busy_calls!: number;
  @ApiProperty({ example: 25 }) failed_calls!: number;
  @ApiProperty({ example: 9, description: 'Answered by a person no agent took in time' })
  abandoned_calls!: number;
  @ApiProperty({ example: 4, description: 'Seed 003: missed (inbound calls nobody took)' })
  missed_calls!: number;
  @ApiProperty({ example: 450, description: 'AMD answered human' }) human_answered!: number;
  @ApiProperty({ example: 300, description: 'AMD answered a machine (or a fax)' }) machine_answered!: number;
  @ApiProperty({ example: 185.5, description: 'Seconds, over calls with a duration' }) avg_duration!: number;
  @ApiProperty({ example: 165.2, description: 'Seconds, over calls that talked' }) avg_talk_time!: number;
  @ApiProperty({
    example: 140.5,
    description: "The sum of the calls' cost (a call not priced yet counts nothing)",
  })
  total_cost!: number;
  @ApiProperty({
    example: 0.0196,
    description:
      "The dialer's calls abandoned over its live answers (answered + abandoned), as a fraction like max_abandon_rate: a broadcast's, inbound and logged calls had no agent to wait for and are left out",
  })
  abandon_rate!: number;
}

export class DispositionCountDto implements DispositionCount {
  @ApiProperty({ enum: CALL_DISPOSITIONS, example: 'answered' })
  disposition!: DispositionCount['disposition'];
  @ApiProperty({ example: 450 }) count!: number;
}
