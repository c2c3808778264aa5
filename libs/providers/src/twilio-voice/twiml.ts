import VoiceResponse from 'twilio/lib/twiml/VoiceResponse';

type SayAttributes = NonNullable<Parameters<VoiceResponse['say']>[0]>;

/** The voice and language of every `<Say>` unless a builder is told otherwise (Amazon Polly, US English). */
export const DEFAULT_SAY_VOICE: TwimlSayVoice = { voice: 'Polly.Joanna', language: 'en-US' };

/** How a `<Say>` speaks; Twilio's voice names (`Polly.Joanna`, `Google.en-GB-Standard-A`...) and BCP 47 languages. */
export interface TwimlSayVoice {
  voice?: string;
  language?: string;
}

/** A conference to join: its friendly name and where Twilio posts its events. */
export interface ConferenceTwimlParams {
  /** The conference's friendly name, e.g. `call_<callId>` or `agent_<agentId>`. */
  conferenceName: string;
  /** The conference-status webhook; receives `start end join leave`. */
  statusCallbackUrl: string;
  /** Whether the conference ends when this participant leaves (true for an agent's leg, false for a lead). */
  endConferenceOnExit?: boolean;
}

export interface SayTwimlParams {
  text: string;
  say?: TwimlSayVoice;
}

export interface AgentLegTwimlParams extends ConferenceTwimlParams {
  /** Spoken to the agent alone before it joins (the lead's name, the campaign); nothing when blank. */
  whisper?: string;
  say?: TwimlSayVoice;
}

/** A message then hang-up: spoken text, or an audio file when `audioUrl` is given. */
export interface BroadcastTwimlParams {
  text?: string;
  audioUrl?: string;
  say?: TwimlSayVoice;
}

export interface InboundVoicemailTwimlParams {
  /** The greeting before the beep. */
  text: string;
  /** The recording webhook (`RecordingStatusCallback`). */
  recordingStatusCallbackUrl: string;
  /** Seconds; 120 by default. */
  maxLengthSeconds?: number;
  say?: TwimlSayVoice;
}

/** Events a conference reports to its `statusCallback`. */
export const TWIML_CONFERENCE_EVENTS = ['start', 'end', 'join', 'leave'] as const;

/**
 * Waits in a conference of its own (no hold music, no beep) until the dialer decides: a lead waiting for its
 * AMD result or for an agent, an inbound caller waiting in line. The caller leaving does not end it by default.
 */
export function holdConferenceTwiml(params: ConferenceTwimlParams): string {
  const response = new VoiceResponse();
  dialConference(response, { ...params, endConferenceOnExit: params.endConferenceOnExit ?? false });
  return response.toString();
}

/** Moves a lead into an agent's conference (`agent_<agentId>`); the lead leaving leaves the agent in it. */
export function joinAgentConferenceTwiml(params: ConferenceTwimlParams): string {
  const response = new VoiceResponse();
  dialConference(response, { ...params, endConferenceOnExit: params.endConferenceOnExit ?? false });
  return response.toString();
}

/**
 * An agent's leg once answered: the whisper, then the conference, which ends when the agent hangs up
 * (`endConferenceOnExit` true unless told otherwise).
 */
export function agentLegTwiml(params: AgentLegTwimlParams): string {
  const response = new VoiceResponse();
  if (params.whisper?.trim()) say(response, params.whisper, params.say);
  dialConference(response, { ...params, endConferenceOnExit: params.endConferenceOnExit ?? true });
  return response.toString();
}

/** The whisper alone: a participant's `AnnounceUrl` answers this. */
export function whisperTwiml(params: SayTwimlParams): string {
  const response = new VoiceResponse();
  say(response, params.text, params.say);
  return response.toString();
}

/** Leaves the campaign's recorded message on an answering machine, then hangs up. */
export function voicemailDropTwiml(params: { audioUrl: string }): string {
  const response = new VoiceResponse();
  response.play(params.audioUrl);
  response.hangup();
  return response.toString();
}

/** The safe-harbour message for a lead no agent could take (an abandoned call), then hang-up. */
export function safeHarbourTwiml(params: SayTwimlParams): string {
  const response = new VoiceResponse();
  say(response, params.text, params.say);
  response.hangup();
  return response.toString();
}

/** A broadcast (play_message) call: the audio when `audioUrl` is given, else the text spoken; then hang-up. */
export function broadcastTwiml(params: BroadcastTwimlParams): string {
  const response = new VoiceResponse();
  if (params.audioUrl) response.play(params.audioUrl);
  else if (params.text?.trim()) say(response, params.text, params.say);
  else throw new Error('A broadcast needs a text or an audio URL');
  response.hangup();
  return response.toString();
}

/** No agent for an inbound caller: the greeting, a recorded message (120 s, after a beep), then hang-up. */
export function inboundVoicemailTwiml(params: InboundVoicemailTwimlParams): string {
  const response = new VoiceResponse();
  say(response, params.text, params.say);
  response.record({
    maxLength: params.maxLengthSeconds ?? 120,
    playBeep: true,
    recordingStatusCallback: params.recordingStatusCallbackUrl,
  });
  response.hangup();
  return response.toString();
}

export function hangupTwiml(): string {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
}

/** Nothing to do: Twilio ends a call whose TwiML runs out, and ignores the body of a status callback's answer. */
export function emptyTwiml(): string {
  return new VoiceResponse().toString();
}

function say(response: VoiceResponse, text: string, voice: TwimlSayVoice = {}): void {
  const attributes: SayAttributes = {
    voice: (voice.voice ?? DEFAULT_SAY_VOICE.voice) as SayAttributes['voice'],
    language: (voice.language ?? DEFAULT_SAY_VOICE.language) as SayAttributes['language'],
  };
  response.say(attributes, text);
}

function dialConference(
  response: VoiceResponse,
  params: ConferenceTwimlParams & { endConferenceOnExit: boolean },
): void {
  if (!params.conferenceName) throw new Error('A conference needs a name');
  response.dial().conference(
    {
      startConferenceOnEnter: true,
      endConferenceOnExit: params.endConferenceOnExit,
      beep: 'false',
      waitUrl: '',
      statusCallback: params.statusCallbackUrl,
      statusCallbackEvent: [...TWIML_CONFERENCE_EVENTS],
    },
    params.conferenceName,
  );
}
