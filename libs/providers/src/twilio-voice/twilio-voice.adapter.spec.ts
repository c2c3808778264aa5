import type { Readable } from 'node:stream';
import { closedPortUrl, FakeHttpServer } from '../../test/fake-http.server';
import { providerRejection } from '../../test/provider-rejection';
import { RangeNotSatisfiableError } from '../byte-range';
import type { PlaceCallRequest } from '../telephony.port';
import { TwilioVoiceAdapter } from './twilio-voice.adapter';
import {
  AGENT_CALL_SID,
  CALL_SID,
  CONFERENCE_SID,
  RECORDING_SID,
  TWILIO_COMPLETED_CALL,
  TWILIO_VOICE_ERROR_20003,
  TWILIO_VOICE_ERROR_20429,
  TWILIO_VOICE_ERROR_21211,
  TWILIO_VOICE_ERROR_21220,
  twilioCallResource,
  twilioNotFound,
  twilioParticipantResource,
  VOICE_ACCOUNT_SID,
  VOICE_AUTH_TOKEN,
} from './twilio-voice.fixtures';

const NOW = new Date('2026-01-05T10:00:00Z');
const ACCOUNT = `/2010-04-01/Accounts/${VOICE_ACCOUNT_SID}`;
const HOOKS = 'https://api.example.com/webhooks/twilio';
const CALL_ID = '6d1c9f1e-0b1a-4b5e-9a55-3b0d8c2f7e11';

const REQUEST: PlaceCallRequest = {
  to: '+15558675310',
  from: '+14155552345',
  answer_url: `${HOOKS}/answer?key=k1&callId=${CALL_ID}`,
  status_callback_url: `${HOOKS}/status?key=k1&callId=${CALL_ID}`,
  machine_detection: 'DetectMessageEnd',
  amd_callback_url: `${HOOKS}/amd?key=k1&callId=${CALL_ID}`,
  record: true,
  recording_callback_url: `${HOOKS}/recording?key=k1&callId=${CALL_ID}`,
  timeout_seconds: 25,
};

/** A form's fields, repeated ones as arrays. */
function fields(form: URLSearchParams | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form?.keys() ?? [])) {
    const all = form!.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

describe('TwilioVoiceAdapter against a local Twilio API', () => {
  let server: FakeHttpServer;
  let adapter: TwilioVoiceAdapter;

  beforeEach(async () => {
    server = await FakeHttpServer.start();
    adapter = new TwilioVoiceAdapter(
      { account_sid: VOICE_ACCOUNT_SID, auth_token: VOICE_AUTH_TOKEN, base_url: server.url },
      { now: () => NOW },
    );
  });

  afterEach(() => server.close());

  it('places a call as a form POST to Calls.json with async AMD, every progress event and dual recording', async () => {
    server.reply({ status: 201, body: twilioCallResource() });
    const placed = await adapter.placeCall(REQUEST);

    expect(placed).toEqual({ call_sid: CALL_SID, status: 'queued' });
    expect(server.requests).toHaveLength(1);
    const request = server.last;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`${ACCOUNT}/Calls.json`);
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from(`${VOICE_ACCOUNT_SID}:${VOICE_AUTH_TOKEN}`).toString('base64')}`,
    );
    expect(request.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(fields(request.form)).toEqual({
      To: '+15558675310',
      From: '+14155552345',
      Url: REQUEST.answer_url,
      Method: 'POST',
      StatusCallback: REQUEST.status_callback_url,
      StatusCallbackMethod: 'POST',
      StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      MachineDetection: 'DetectMessageEnd',
      AsyncAmd: 'true',
      AsyncAmdStatusCallback: REQUEST.amd_callback_url,
      AsyncAmdStatusCallbackMethod: 'POST',
      Record: 'true',
      RecordingChannels: 'dual',
      RecordingStatusCallback: REQUEST.recording_callback_url,
      RecordingStatusCallbackMethod: 'POST',
      Timeout: '25',
    });
  });

  it('sends no AMD, recording or timeout fields when the request asks for none', async () => {
    server.reply({ status: 201, body: twilioCallResource() });
    await adapter.placeCall({
      to: '+15558675310',
      from: '+14155552345',
      answer_url: REQUEST.answer_url,
      status_callback_url: REQUEST.status_callback_url,
    });

    expect(Object.keys(fields(server.last.form)).sort()).toEqual(
      ['From', 'Method', 'StatusCallback', 'StatusCallbackEvent', 'StatusCallbackMethod', 'To', 'Url'].sort(),
    );
  });

  it('maps error 21211 (invalid To) to a permanent rejection that placed nothing', async () => {
    server.reply({ status: 400, body: TWILIO_VOICE_ERROR_21211 });
    const error = await providerRejection(adapter.placeCall({ ...REQUEST, to: '5551234567' }));
    expect(error).toMatchObject({
      provider: 'twilio',
      kind: 'rejected',
      retryable: false,
      providerCode: '21211',
      httpStatus: 400,
      mayHaveBeenSent: false,
    });
    expect(error.message).toContain('not a valid phone number');
  });

  it('maps 429 to a retryable rate limit carrying Retry-After, after exactly one request', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '3' }, body: TWILIO_VOICE_ERROR_20429 });
    const error = await providerRejection(adapter.placeCall(REQUEST));
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      providerCode: '20429',
      httpStatus: 429,
      retryAfterMs: 3000,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('maps 401 to an auth failure', async () => {
    server.reply({ status: 401, body: TWILIO_VOICE_ERROR_20003 });
    const error = await providerRejection(adapter.placeCall(REQUEST));
    expect(error).toMatchObject({ kind: 'auth', retryable: false, providerCode: '20003' });
  });

  it('maps a 5xx to an unavailability after which the call may exist (look it up, never re-dial)', async () => {
    server.reply({ status: 503, body: { code: 20503, message: 'Service unavailable', status: 503 } });
    const error = await providerRejection(adapter.placeCall(REQUEST));
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true, mayHaveBeenSent: true });
    expect(server.requests).toHaveLength(1);
  });

  it('maps a refused connection to a network error that placed nothing', async () => {
    const offline = new TwilioVoiceAdapter(
      { account_sid: VOICE_ACCOUNT_SID, auth_token: VOICE_AUTH_TOKEN, base_url: await closedPortUrl() },
      { now: () => NOW },
    );
    const error = await providerRejection(offline.placeCall(REQUEST));
    expect(error).toMatchObject({ kind: 'network', retryable: true, mayHaveBeenSent: false });
  });

  it('maps a connection dropped mid-request to a network error after which the call may exist', async () => {
    server.reply({ drop: true });
    const error = await providerRejection(adapter.placeCall(REQUEST));
    expect(error).toMatchObject({ kind: 'network', mayHaveBeenSent: true });
  });

  it('redirects a live call with inline TwiML', async () => {
    server.reply({ status: 200, body: twilioCallResource({ status: 'in-progress' }) });
    const twiml = '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>';
    await adapter.updateCall(CALL_SID, { twiml });

    expect(server.last.method).toBe('POST');
    expect(server.last.path).toBe(`${ACCOUNT}/Calls/${CALL_SID}.json`);
    expect(fields(server.last.form)).toEqual({ Twiml: twiml });
  });

  it('redirects a call to a URL, and ends one with Status', async () => {
    server.reply({ status: 200, body: twilioCallResource({ status: 'in-progress' }) });
    await adapter.updateCall(CALL_SID, { url: `${HOOKS}/answer?key=k1&callId=${CALL_ID}` });
    expect(fields(server.last.form)).toEqual({
      Url: `${HOOKS}/answer?key=k1&callId=${CALL_ID}`,
      Method: 'POST',
    });

    await adapter.updateCall(CALL_SID, { status: 'canceled' });
    expect(server.last.path).toBe(`${ACCOUNT}/Calls/${CALL_SID}.json`);
    expect(fields(server.last.form)).toEqual({ Status: 'canceled' });
  });

  it('passes on 21220 when the call is no longer in progress', async () => {
    server.reply({ status: 400, body: TWILIO_VOICE_ERROR_21220 });
    const error = await providerRejection(adapter.updateCall(CALL_SID, { status: 'completed' }));
    expect(error).toMatchObject({ kind: 'rejected', providerCode: '21220', httpStatus: 400 });
  });

  it('refuses an update with none or several changes, or a SID that names another path, calling nothing', async () => {
    for (const change of [{}, { twiml: '<Response/>', url: 'https://x.example/a' }]) {
      const error = await providerRejection(adapter.updateCall(CALL_SID, change));
      expect(error).toMatchObject({ kind: 'rejected', mayHaveBeenSent: false });
    }
    const error = await providerRejection(
      adapter.updateCall('CA1/../Recordings/RE1', { status: 'completed' }),
    );
    expect(error).toMatchObject({ kind: 'rejected', mayHaveBeenSent: false });
    await providerRejection(adapter.fetchCall(''));
    expect(server.requests).toHaveLength(0);
  });

  it('fetches a call as a record with its duration, times and price (a charge, negative, as Twilio states it)', async () => {
    server.reply({ status: 200, body: TWILIO_COMPLETED_CALL });
    const record = await adapter.fetchCall(CALL_SID);

    expect(server.last.method).toBe('GET');
    expect(server.last.path).toBe(`${ACCOUNT}/Calls/${CALL_SID}.json`);
    expect(record).toEqual({
      call_sid: CALL_SID,
      status: 'completed',
      to: '+15558675310',
      from: '+14155552345',
      duration: 42,
      start_time: '2025-06-10T12:00:05.000Z',
      end_time: '2025-06-10T12:00:47.000Z',
      price: -0.014,
      price_unit: 'USD',
    });
  });

  it('reads a completed call Twilio has not priced yet as no price, and an unreadable price as none', async () => {
    server.reply(
      { status: 200, body: { ...TWILIO_COMPLETED_CALL, price: null } },
      { status: 200, body: { ...TWILIO_COMPLETED_CALL, price: 'n/a', price_unit: 'EUR' } },
    );
    expect(await adapter.fetchCall(CALL_SID)).toMatchObject({
      status: 'completed',
      price: null,
      price_unit: 'USD',
    });
    expect(await adapter.fetchCall(CALL_SID)).toMatchObject({ price: null, price_unit: 'EUR' });
  });

  it('fetches a queued call with no times yet, and answers null for a call Twilio does not know', async () => {
    server.reply(
      { status: 200, body: twilioCallResource() },
      { status: 404, body: twilioNotFound(`${ACCOUNT}/Calls/${CALL_SID}.json`) },
    );
    expect(await adapter.fetchCall(CALL_SID)).toEqual({
      call_sid: CALL_SID,
      status: 'queued',
      to: '+15558675310',
      from: '+14155552345',
      duration: null,
      start_time: null,
      end_time: null,
      price: null,
      price_unit: 'USD',
    });
    expect(await adapter.fetchCall(CALL_SID)).toBeNull();
  });

  it('still fails a fetch on errors other than 404', async () => {
    server.reply({ status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } });
    const error = await providerRejection(adapter.fetchCall(CALL_SID));
    expect(error).toMatchObject({ kind: 'unavailable', httpStatus: 500 });
  });

  it('adds a participant to a conference by its friendly name, as the agent leg', async () => {
    server.reply({ status: 201, body: twilioParticipantResource() });
    const placed = await adapter.addParticipant(`call_${CALL_ID}`, {
      to: '+15550001111',
      from: '+14155552345',
      answer_url: `${HOOKS}/agent-answer?key=k1&callId=${CALL_ID}`,
      status_callback_url: `${HOOKS}/status?key=k1&callId=agent-call`,
      timeout_seconds: 20,
      record: true,
      recording_callback_url: `${HOOKS}/recording?key=k1&callId=agent-call`,
    });

    expect(placed).toEqual({ call_sid: AGENT_CALL_SID, status: 'queued' });
    expect(server.last.method).toBe('POST');
    expect(server.last.path).toBe(`${ACCOUNT}/Conferences/call_${CALL_ID}/Participants.json`);
    expect(fields(server.last.form)).toEqual({
      From: '+14155552345',
      To: '+15550001111',
      StartConferenceOnEnter: 'true',
      EndConferenceOnExit: 'true',
      Beep: 'false',
      StatusCallback: `${HOOKS}/status?key=k1&callId=agent-call`,
      StatusCallbackMethod: 'POST',
      StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      Timeout: '20',
      Record: 'true',
      RecordingChannels: 'dual',
      RecordingStatusCallback: `${HOOKS}/recording?key=k1&callId=agent-call`,
      RecordingStatusCallbackMethod: 'POST',
    });
  });

  it("maps a participant's status onto the call statuses", async () => {
    server.reply({ status: 201, body: twilioParticipantResource({ status: 'connecting' }) });
    const placed = await adapter.addParticipant('agent_7', REQUEST);
    expect(placed.status).toBe('initiated');
    expect(server.last.form!.get('MachineDetection')).toBe('DetectMessageEnd');
    expect(server.last.form!.get('AmdStatusCallback')).toBe(REQUEST.amd_callback_url);
  });

  it('announces the whisper URL to one participant', async () => {
    server.reply({ status: 200, body: twilioParticipantResource({ status: 'connected' }) });
    const url = `${HOOKS}/agent-answer?key=k1&callId=${CALL_ID}&conferenceName=agent_7&announce=1`;
    await adapter.announce(CONFERENCE_SID, AGENT_CALL_SID, url);

    expect(server.last.method).toBe('POST');
    expect(server.last.path).toBe(
      `${ACCOUNT}/Conferences/${CONFERENCE_SID}/Participants/${AGENT_CALL_SID}.json`,
    );
    expect(fields(server.last.form)).toEqual({ AnnounceUrl: url, AnnounceMethod: 'POST' });
  });

  it('mutes and unmutes a participant', async () => {
    server.reply({ status: 200, body: twilioParticipantResource({ muted: true }) });
    await adapter.setMuted(CONFERENCE_SID, CALL_SID, true);
    expect(server.last.path).toBe(`${ACCOUNT}/Conferences/${CONFERENCE_SID}/Participants/${CALL_SID}.json`);
    expect(fields(server.last.form)).toEqual({ Muted: 'true' });

    await adapter.setMuted(CONFERENCE_SID, CALL_SID, false);
    expect(fields(server.last.form)).toEqual({ Muted: 'false' });
  });

  it('fails to mute a participant who is gone', async () => {
    server.reply({ status: 404, body: twilioNotFound('/Participants/CA.json') });
    const error = await providerRejection(adapter.setMuted(CONFERENCE_SID, CALL_SID, true));
    expect(error).toMatchObject({ kind: 'rejected', httpStatus: 404, providerCode: '20404' });
  });

  it('removes a participant with DELETE, and takes one already gone as removed', async () => {
    server.reply({ status: 204 }, { status: 404, body: twilioNotFound('/Participants/CA.json') });
    await adapter.removeParticipant(CONFERENCE_SID, CALL_SID);
    expect(server.last.method).toBe('DELETE');
    expect(server.last.path).toBe(`${ACCOUNT}/Conferences/${CONFERENCE_SID}/Participants/${CALL_SID}.json`);

    await expect(adapter.removeParticipant(CONFERENCE_SID, CALL_SID)).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  it('deletes a recording, and takes one already deleted as done', async () => {
    server.reply(
      { status: 204 },
      { status: 404, body: twilioNotFound(`${ACCOUNT}/Recordings/${RECORDING_SID}.json`) },
    );
    await adapter.deleteRecording(RECORDING_SID);
    expect(server.last.method).toBe('DELETE');
    expect(server.last.path).toBe(`${ACCOUNT}/Recordings/${RECORDING_SID}.json`);

    await expect(adapter.deleteRecording(RECORDING_SID)).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  it('still fails a recording deletion on a rate limit', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '1' }, body: TWILIO_VOICE_ERROR_20429 });
    const error = await providerRejection(adapter.deleteRecording(RECORDING_SID));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1000 });
  });

  describe('fetchRecording', () => {
    const MP3 = Buffer.from([0xff, 0xfb, 0x90, 0x64, 0x00, 0x0f, 0xf0, 0x00, 0x80, 0x7f]);
    const BASIC = `Basic ${Buffer.from(`${VOICE_ACCOUNT_SID}:${VOICE_AUTH_TOKEN}`).toString('base64')}`;
    const bytes = async (body: Readable) => Buffer.concat((await body.toArray()) as Buffer[]);

    it("GETs the recording's .mp3 media URL with the account's basic auth and streams its bytes", async () => {
      server.reply({
        status: 200,
        headers: { 'content-type': 'audio/mpeg', 'content-length': String(MP3.length) },
        body: MP3,
      });
      const media = await adapter.fetchRecording(RECORDING_SID);

      expect(server.requests).toHaveLength(1);
      expect(server.last.method).toBe('GET');
      expect(server.last.path).toBe(`${ACCOUNT}/Recordings/${RECORDING_SID}.mp3`);
      expect(server.last.headers.authorization).toBe(BASIC);
      expect(media).toMatchObject({ content_type: 'audio/mpeg', content_length: MP3.length });
      expect(await bytes(media!.body)).toEqual(MP3);
    });

    it('follows a redirect to storage on another host without sending it the credentials', async () => {
      const storage = await FakeHttpServer.start();
      try {
        storage.reply({ status: 200, headers: { 'content-type': 'audio/mpeg' }, body: MP3 });
        server.reply({
          status: 302,
          headers: { location: `${storage.url}/signed/${RECORDING_SID}.mp3?X=1` },
        });
        const media = await adapter.fetchRecording(RECORDING_SID);

        expect(server.last.headers.authorization).toBe(BASIC);
        expect(storage.last.path).toBe(`/signed/${RECORDING_SID}.mp3`);
        expect(storage.last.headers.authorization).toBeUndefined();
        expect(await bytes(media!.body)).toEqual(MP3);
      } finally {
        await storage.close();
      }
    });

    it('asks Twilio for a byte range: its 206 is the part with its Content-Range, its 416 RangeNotSatisfiableError', async () => {
      server.reply(
        {
          status: 206,
          headers: { 'content-type': 'audio/mpeg', 'content-length': '4', 'content-range': 'bytes 2-5/10' },
          body: MP3.subarray(2, 6),
        },
        { status: 416, headers: { 'content-range': 'bytes */10' }, body: '' },
        { status: 200, headers: { 'content-type': 'audio/mpeg' }, body: MP3 },
      );
      const part = await adapter.fetchRecording(RECORDING_SID, { first: 2, last: 5 });
      expect(server.last.headers.range).toBe('bytes=2-5');
      expect(part).toMatchObject({ content_length: 4, range: { start: 2, end: 5, total: 10 } });
      expect(await bytes(part!.body)).toEqual(MP3.subarray(2, 6));

      const past = adapter.fetchRecording(RECORDING_SID, { first: 10, last: null });
      await expect(past).rejects.toBeInstanceOf(RangeNotSatisfiableError);
      await expect(past).rejects.toMatchObject({ total: 10 });
      expect(server.last.headers.range).toBe('bytes=10-');

      // Twilio may ignore the range and answer the whole recording.
      const whole = await adapter.fetchRecording(RECORDING_SID, { suffix: 3 });
      expect(server.last.headers.range).toBe('bytes=-3');
      expect(whole!.range).toBeUndefined();
      expect(await bytes(whole!.body)).toEqual(MP3);
    });

    it('answers null for a recording Twilio does not have (404)', async () => {
      server.reply({ status: 404, body: twilioNotFound(`${ACCOUNT}/Recordings/${RECORDING_SID}.mp3`) });
      await expect(adapter.fetchRecording(RECORDING_SID)).resolves.toBeNull();
    });

    it("maps Twilio's error answers and a refused connection to ProviderErrors", async () => {
      server.reply(
        { status: 401, body: TWILIO_VOICE_ERROR_20003 },
        { status: 429, headers: { 'retry-after': '1' }, body: TWILIO_VOICE_ERROR_20429 },
      );
      expect(await providerRejection(adapter.fetchRecording(RECORDING_SID))).toMatchObject({
        kind: 'auth',
        providerCode: '20003',
        httpStatus: 401,
      });
      expect(await providerRejection(adapter.fetchRecording(RECORDING_SID))).toMatchObject({
        kind: 'rate_limited',
        retryAfterMs: 1000,
      });
      const offline = new TwilioVoiceAdapter(
        { account_sid: VOICE_ACCOUNT_SID, auth_token: VOICE_AUTH_TOKEN, base_url: await closedPortUrl() },
        { now: () => NOW },
      );
      expect(await providerRejection(offline.fetchRecording(RECORDING_SID))).toMatchObject({
        kind: 'network',
      });
    });

    it('refuses a SID that names another path, calling nothing', async () => {
      await expect(providerRejection(adapter.fetchRecording('RE1/../Calls'))).resolves.toMatchObject({
        kind: 'rejected',
      });
      expect(server.requests).toHaveLength(0);
    });
  });

  it('refuses credentials without an account SID or token', () => {
    expect(() => new TwilioVoiceAdapter({ account_sid: '', auth_token: 'x' })).toThrow(/account_sid/);
  });
});
