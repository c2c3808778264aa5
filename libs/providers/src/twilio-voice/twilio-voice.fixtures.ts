/**
 * Twilio voice shapes from its public documentation and the `twilio` SDK's own integration fixtures, with
 * placeholder SIDs, for the adapter and parser tests (and the simulator's, which must send the same forms):
 * - the Call resource (twilio.com/docs/voice/api/call-resource: create / fetch / update answer);
 * - the conference Participant resource (twilio.com/docs/voice/api/conference-participant-resource);
 * - the REST error body `{ code, message, more_info, status }` (twilio.com/docs/errors/...);
 * - the webhook forms (twilio.com/docs/usage/webhooks/voice-webhooks, .../voice/answering-machine-detection,
 *   .../voice/twiml/conference#attributes-statusCallback, .../voice/api/recording#recordingstatuscallback).
 */
export const VOICE_ACCOUNT_SID = 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX';
export const VOICE_AUTH_TOKEN = 'your_auth_token';
export const CALL_SID = 'CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX';
export const AGENT_CALL_SID = 'CAYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY';
export const CONFERENCE_SID = 'CFXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX';
export const RECORDING_SID = 'REXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX';

const ACCOUNT_PATH = `/2010-04-01/Accounts/${VOICE_ACCOUNT_SID}`;

/** A Call resource: by default the answer to a create (just queued, nothing timed yet). */
export function twilioCallResource(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const sid = (overrides.sid as string | undefined) ?? CALL_SID;
  return {
    account_sid: VOICE_ACCOUNT_SID,
    annotation: null,
    answered_by: null,
    api_version: '2010-04-01',
    caller_name: null,
    date_created: 'Tue, 10 Jun 2025 12:00:00 +0000',
    date_updated: 'Tue, 10 Jun 2025 12:00:00 +0000',
    direction: 'outbound-api',
    duration: null,
    end_time: null,
    forwarded_from: null,
    from: '+14155552345',
    from_formatted: '(415) 555-2345',
    group_sid: null,
    parent_call_sid: null,
    phone_number_sid: 'PNXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    price: null,
    price_unit: 'USD',
    queue_time: '0',
    sid,
    start_time: null,
    status: 'queued',
    subresource_uris: {
      notifications: `${ACCOUNT_PATH}/Calls/${sid}/Notifications.json`,
      recordings: `${ACCOUNT_PATH}/Calls/${sid}/Recordings.json`,
    },
    to: '+15558675310',
    to_formatted: '(555) 867-5310',
    trunk_sid: null,
    uri: `${ACCOUNT_PATH}/Calls/${sid}.json`,
    ...overrides,
  };
}

/** A call that ended after 42 s. */
export const TWILIO_COMPLETED_CALL = twilioCallResource({
  status: 'completed',
  duration: '42',
  start_time: 'Tue, 10 Jun 2025 12:00:05 +0000',
  end_time: 'Tue, 10 Jun 2025 12:00:47 +0000',
  date_updated: 'Tue, 10 Jun 2025 12:00:47 +0000',
  price: '-0.01400',
});

export function twilioParticipantResource(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    account_sid: VOICE_ACCOUNT_SID,
    call_sid: AGENT_CALL_SID,
    label: null,
    call_sid_to_coach: null,
    coaching: false,
    conference_sid: CONFERENCE_SID,
    date_created: 'Tue, 10 Jun 2025 12:00:10 +0000',
    date_updated: 'Tue, 10 Jun 2025 12:00:10 +0000',
    end_conference_on_exit: true,
    muted: false,
    hold: false,
    status: 'queued',
    start_conference_on_enter: true,
    queue_time: '0',
    uri: `${ACCOUNT_PATH}/Conferences/${CONFERENCE_SID}/Participants/${AGENT_CALL_SID}.json`,
    ...overrides,
  };
}

export const TWILIO_VOICE_ERROR_21211 = {
  code: 21211,
  message: "The 'To' number 5551234567 is not a valid phone number.",
  more_info: 'https://www.twilio.com/docs/errors/21211',
  status: 400,
};

export const TWILIO_VOICE_ERROR_21220 = {
  code: 21220,
  message: 'Call is not in-progress. Cannot redirect.',
  more_info: 'https://www.twilio.com/docs/errors/21220',
  status: 400,
};

export function twilioNotFound(path: string): Record<string, unknown> {
  return {
    code: 20404,
    message: `The requested resource ${path} was not found`,
    more_info: 'https://www.twilio.com/docs/errors/20404',
    status: 404,
  };
}

export const TWILIO_VOICE_ERROR_20429 = {
  code: 20429,
  message: 'Too Many Requests',
  more_info: 'https://www.twilio.com/docs/errors/20429',
  status: 429,
};

export const TWILIO_VOICE_ERROR_20003 = {
  code: 20003,
  message: 'Authenticate',
  more_info: 'https://www.twilio.com/docs/errors/20003',
  status: 401,
};

/** The `ringing` call progress callback of an outbound call. */
export const STATUS_RINGING_FORM: Record<string, string> = {
  Called: '+15558675310',
  ToState: 'CA',
  CallerCountry: 'US',
  Direction: 'outbound-api',
  Timestamp: 'Tue, 10 Jun 2025 12:00:03 +0000',
  CallbackSource: 'call-progress-events',
  SipResponseCode: '180',
  CallerState: 'CA',
  ToZip: '',
  SequenceNumber: '1',
  CallSid: CALL_SID,
  To: '+15558675310',
  CallerZip: '',
  ToCountry: 'US',
  CalledZip: '',
  ApiVersion: '2010-04-01',
  CalledCity: '',
  CallStatus: 'ringing',
  From: '+14155552345',
  AccountSid: VOICE_ACCOUNT_SID,
  CalledCountry: 'US',
  CallerCity: '',
  ToCity: '',
  FromCountry: 'US',
  Caller: '+14155552345',
  FromCity: '',
  CalledState: 'CA',
  FromZip: '',
  FromState: 'CA',
};

/** The final callback of a call answered and hung up after 42 s. */
export const STATUS_COMPLETED_FORM: Record<string, string> = {
  ...STATUS_RINGING_FORM,
  Timestamp: 'Tue, 10 Jun 2025 12:00:47 +0000',
  SipResponseCode: '200',
  SequenceNumber: '3',
  CallStatus: 'completed',
  CallDuration: '42',
  Duration: '1',
};

/** The answer request (the call's `Url`), when the callee picks up. */
export const ANSWER_FORM: Record<string, string> = {
  AccountSid: VOICE_ACCOUNT_SID,
  ApiVersion: '2010-04-01',
  CallSid: CALL_SID,
  CallStatus: 'in-progress',
  Called: '+15558675310',
  Caller: '+14155552345',
  Direction: 'outbound-api',
  From: '+14155552345',
  To: '+15558675310',
};

/** An asynchronous AMD result (`AsyncAmdStatusCallback`): a voicemail greeting's end, after `DetectMessageEnd`. */
export const AMD_MACHINE_FORM: Record<string, string> = {
  AccountSid: VOICE_ACCOUNT_SID,
  AnsweredBy: 'machine_end_beep',
  CallSid: CALL_SID,
  MachineDetectionDuration: '4310',
};

export const CONFERENCE_JOIN_FORM: Record<string, string> = {
  Coaching: 'false',
  FriendlyName: 'call_6d1c9f1e-0b1a-4b5e-9a55-3b0d8c2f7e11',
  EndConferenceOnExit: 'false',
  StatusCallbackEvent: 'participant-join',
  Timestamp: 'Tue, 10 Jun 2025 12:00:06 +0000',
  StartConferenceOnEnter: 'true',
  AccountSid: VOICE_ACCOUNT_SID,
  SequenceNumber: '2',
  ConferenceSid: CONFERENCE_SID,
  CallSid: CALL_SID,
  Hold: 'false',
  Muted: 'false',
};

export const CONFERENCE_END_FORM: Record<string, string> = {
  FriendlyName: 'call_6d1c9f1e-0b1a-4b5e-9a55-3b0d8c2f7e11',
  StatusCallbackEvent: 'conference-end',
  Timestamp: 'Tue, 10 Jun 2025 12:03:06 +0000',
  AccountSid: VOICE_ACCOUNT_SID,
  SequenceNumber: '5',
  ConferenceSid: CONFERENCE_SID,
  Reason: `Participant ${AGENT_CALL_SID} with endConferenceOnExit left the conference`,
  CallSidEndingConference: AGENT_CALL_SID,
  ReasonConferenceEnded: 'participant-with-end-conference-on-exit-left',
};

export const RECORDING_COMPLETED_FORM: Record<string, string> = {
  AccountSid: VOICE_ACCOUNT_SID,
  CallSid: CALL_SID,
  RecordingSid: RECORDING_SID,
  RecordingUrl: `https://api.twilio.com${ACCOUNT_PATH}/Recordings/${RECORDING_SID}`,
  RecordingStatus: 'completed',
  RecordingDuration: '41',
  RecordingChannels: '2',
  RecordingSource: 'OutboundAPI',
  RecordingStartTime: 'Tue, 10 Jun 2025 12:00:06 +0000',
  ErrorCode: '0',
};

/** A call to the tenant's number. */
export const INBOUND_CALL_FORM: Record<string, string> = {
  Called: '+15557122661',
  ToState: 'CA',
  CallerCountry: 'US',
  Direction: 'inbound',
  CallerState: 'NY',
  ToZip: '94105',
  CallSid: 'CAZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ',
  To: '+15557122661',
  CallerZip: '10001',
  ToCountry: 'US',
  CallToken: '%7B%22parentCallInfoToken%22%3A%22eyJhbGciOiJFUzI1NiJ9%22%7D',
  CalledZip: '94105',
  ApiVersion: '2010-04-01',
  CalledCity: 'SAN FRANCISCO',
  CallStatus: 'ringing',
  From: '+14017122661',
  AccountSid: VOICE_ACCOUNT_SID,
  CalledCountry: 'US',
  CallerCity: 'NEW YORK',
  ToCity: 'SAN FRANCISCO',
  FromCountry: 'US',
  Caller: '+14017122661',
  FromCity: 'NEW YORK',
  CalledState: 'CA',
  FromZip: '10001',
  FromState: 'NY',
};
