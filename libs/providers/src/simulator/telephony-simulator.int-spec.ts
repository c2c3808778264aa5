import Redis from 'ioredis';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { twiml } from 'twilio';
import { TWILIO_SIGNATURE_HEADER, verifyTwilioSignature } from '../signatures/twilio-signature';
import type { PlaceCallRequest } from '../telephony.port';
import { SimulatorTelephonyAdapter } from './simulator-telephony.adapter';
import { TelephonyLedger } from './telephony-ledger';
import { simulatedPrice } from './telephony-price';
import { DEFAULT_TELEPHONY_SETTINGS, TelephonySimulatorSettings } from './telephony-plan';
import { SimulatorCallJob, TelephonySimulatorScheduler } from './telephony-scheduler';

/** One request the simulated provider made to "our API" (the local server). */
interface Received {
  route: string;
  query: URLSearchParams;
  params: Record<string, string>;
  signed: boolean;
  at: number;
}

type Answer = string | { status: number; body?: string } | undefined;

const SECRET = 'voice-secret-0123456789';
const KEY = 'voice_key-0123456789abcdef';
const TENANT = randomUUID();
const LEAD = '+14155550123';
const AGENT_PHONE = '+14155550999';
const FROM = '+15005550006';

/**
 * The telephony simulator end to end on a real Redis: calls placed through the adapter, their steps run by a
 * stand-in queue, every callback POSTed to a local server standing in for our webhook routes, its signature
 * checked with verifyTwilioSignature. Durations are scaled by 0.02, so a 3-minute talk takes a few hundred ms.
 */
describe('telephony simulator (integration)', () => {
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `rltest_simtel_${randomBytes(4).toString('hex')}:simulator`;
  const ledger = new TelephonyLedger(redis, prefix);
  const timers = new Set<NodeJS.Timeout>();
  let server: Server;
  let base: string;
  let received: Received[];
  let route: (r: Received) => Promise<Answer> | Answer;
  let provider: SimulatorTelephonyAdapter;

  /** The simulator queue: each job once (by id), after its delay; a failed step is retried like Bull would. */
  const seen = new Set<string>();
  /** The delay (ms, scaled) each call's jobs were scheduled with, in order. */
  const delays = new Map<string, number[]>();
  const scheduler: TelephonySimulatorScheduler = {
    enqueue: (_name, job: SimulatorCallJob, options) => {
      if (seen.has(options.jobId)) return Promise.resolve();
      seen.add(options.jobId);
      delays.set(job.call_sid, [...(delays.get(job.call_sid) ?? []), options.delay]);
      const run = (attempt: number) => {
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            provider.runStep(job.call_sid, job.step).catch(() => {
              if (attempt < 8) run(attempt + 1);
            });
          },
          attempt === 1 ? options.delay : 30,
        );
        timers.add(timer);
      };
      run(1);
      return Promise.resolve();
    },
  };

  function simulator(overrides: Partial<TelephonySimulatorSettings>): SimulatorTelephonyAdapter {
    const settings: TelephonySimulatorSettings = {
      ...DEFAULT_TELEPHONY_SETTINGS,
      seed: 'telephony-int',
      timeScale: 0.02,
      talkMeanMs: 20_000,
      talkSdMs: 0,
      humanPatienceMs: 60_000,
      ...overrides,
    };
    return new SimulatorTelephonyAdapter({
      tenantId: TENANT,
      signingSecret: SECRET,
      settings,
      ledger,
      scheduler,
    });
  }
  const only = (outcome: 'human' | 'machine' | 'no_answer' | 'busy') => ({
    mix: { human: 0, machine: 0, no_answer: 0, busy: 0, failed: 0, [outcome]: 1 },
  });

  const url = (path: string, callId: string, extra = '') =>
    `${base}/webhooks/twilio/${path}?key=${KEY}&callId=${callId}${extra}`;
  const request = (callId: string, overrides: Partial<PlaceCallRequest> = {}): PlaceCallRequest => ({
    to: LEAD,
    from: FROM,
    answer_url: url('answer', callId),
    status_callback_url: url('status', callId),
    machine_detection: 'DetectMessageEnd',
    amd_callback_url: url('amd', callId),
    timeout_seconds: 25,
    ...overrides,
  });
  /** Our conference TwiML: the hold, the join of an agent's conference, an agent leg's whisper then join. */
  const hold = (name: string, callId: string, endOnExit = false, whisper?: string) => {
    const r = new twiml.VoiceResponse();
    if (whisper) r.say(whisper);
    r.dial().conference(
      {
        startConferenceOnEnter: true,
        endConferenceOnExit: endOnExit,
        beep: 'false',
        waitUrl: '',
        statusCallback: url('conference-status', callId),
        statusCallbackEvent: ['start', 'end', 'join', 'leave'],
      },
      name,
    );
    return r;
  };

  const of = (routeName: string, callId?: string) =>
    received.filter((r) => r.route === routeName && (!callId || r.query.get('callId') === callId));
  const statuses = (callId: string) => of('status', callId).map((r) => r.params.CallStatus);
  const events = (callId: string) =>
    of('conference-status', callId).map((r) => `${r.params.StatusCallbackEvent}:${r.params.CallSid ?? ''}`);
  async function until(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
    for (let waited = 0; !probe(); waited += 20) {
      if (waited > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const full = `${base}${req.url}`;
        const params = Object.fromEntries(new URLSearchParams(body));
        const header = req.headers[TWILIO_SIGNATURE_HEADER] as string | undefined;
        const parsed = new URL(full);
        const r: Received = {
          route: parsed.pathname.replace('/webhooks/twilio/', ''),
          query: parsed.searchParams,
          params,
          signed: verifyTwilioSignature(SECRET, header, full, params),
          at: Date.now(),
        };
        received.push(r);
        void Promise.resolve(route(r)).then(
          (answer) => {
            const { status, body: text } =
              typeof answer === 'object' ? answer : { status: 200, body: answer ?? '' };
            res.writeHead(status, { 'content-type': 'text/xml' }).end(text ?? '');
          },
          () => res.writeHead(500).end(),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    received = [];
    route = () => undefined;
  });
  afterAll(async () => {
    for (const timer of timers) clearTimeout(timer);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await new Promise((resolve) => server.close(resolve));
  });

  it('bridges a human lead to an agent leg in a conference: talk, hang-up, every callback signed', async () => {
    provider = simulator({ ...only('human') });
    let agentSid = '';
    let leadSid = '';
    route = async (r) => {
      const callId = r.query.get('callId');
      if (r.route === 'answer') return hold('call_L1', 'L1').toString();
      if (r.route === 'amd' && r.params.AnsweredBy === 'human') {
        const agentLeg = request('A1', {
          to: AGENT_PHONE,
          answer_url: url('agent-answer', 'A1', '&conferenceName=agent_7'),
          machine_detection: undefined,
          amd_callback_url: undefined,
        });
        agentSid = (await provider.placeCall(agentLeg)).call_sid;
      }
      if (r.route === 'agent-answer' && r.query.get('announce') === '1') {
        return '<Response><Say>Jane, spring campaign</Say></Response>';
      }
      if (r.route === 'agent-answer') return hold('agent_7', 'A1', true, 'Lead Jane').toString();
      const join = r.params.StatusCallbackEvent === 'participant-join';
      if (r.route === 'conference-status' && callId === 'A1' && join && r.params.CallSid === agentSid) {
        await provider.updateCall(leadSid, { twiml: hold('agent_7', 'L1').toString() });
        await provider.announce(r.params.ConferenceSid, agentSid, url('agent-answer', 'A1', '&announce=1'));
      }
      if (r.route === 'status' && callId === 'L1' && r.params.CallStatus === 'completed') {
        await provider.updateCall(agentSid, { status: 'completed' });
      }
      return undefined;
    };
    const placed = await provider.placeCall(
      request('L1', { record: true, recording_callback_url: url('recording', 'L1') }),
    );
    leadSid = placed.call_sid;
    expect(placed).toEqual({ call_sid: expect.stringMatching(/^CA[0-9a-f]{32}$/), status: 'queued' });
    await until('the agent leg to end', () => statuses('A1').includes('completed'));
    await until('the recording', () => of('recording').length > 0);

    expect(received.every((r) => r.signed)).toBe(true);
    expect(statuses('L1')).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(of('status', 'L1').map((r) => r.params.SequenceNumber)).toEqual(['0', '1', '2', '3']);
    const completed = of('status', 'L1')[3].params;
    expect(completed).toMatchObject({
      CallSid: leadSid,
      AccountSid: expect.stringMatching(/^AC[0-9a-f]{32}$/),
      From: FROM,
      To: LEAD,
      Direction: 'outbound-api',
      ApiVersion: '2010-04-01',
      CallbackSource: 'call-progress-events',
      CallDuration: expect.stringMatching(/^\d+$/),
      Duration: completed.CallDuration,
      Timestamp: expect.stringMatching(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/),
    });
    expect(of('answer', 'L1').map((r) => r.params.CallStatus)).toEqual(['in-progress']);
    expect(of('amd', 'L1').map((r) => r.params)).toEqual([
      {
        CallSid: leadSid,
        AccountSid: completed.AccountSid,
        AnsweredBy: 'human',
        MachineDetectionDuration: expect.stringMatching(/^(2\d{3}|3000)$/),
      },
    ]);
    // The hold conference: made by the lead, ended when the lead moved to the agent's.
    expect(events('L1')).toEqual([
      `conference-start:${leadSid}`,
      `participant-join:${leadSid}`,
      `participant-leave:${leadSid}`,
      `conference-end:${leadSid}`,
    ]);
    // The agent's conference reports to the URL of its maker (the agent leg), as Twilio does.
    expect(events('A1')).toEqual([
      `conference-start:${agentSid}`,
      `participant-join:${agentSid}`,
      `participant-join:${leadSid}`,
      `participant-leave:${leadSid}`,
      `participant-leave:${agentSid}`,
      `conference-end:${agentSid}`,
    ]);
    const [holdSid, agentConfSid] = [of('conference-status', 'L1')[0], of('conference-status', 'A1')[0]].map(
      (r) => r.params.ConferenceSid,
    );
    expect(holdSid).toMatch(/^CF[0-9a-f]{32}$/);
    expect(agentConfSid).not.toBe(holdSid);
    expect(of('conference-status', 'A1')[5].params).toMatchObject({
      FriendlyName: 'agent_7',
      ReasonConferenceEnded: 'participant-with-end-conference-on-exit-left',
      EndConferenceOnExit: 'true',
    });
    expect(statuses('A1')).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(of('amd', 'A1')).toHaveLength(0);

    // The lead talked its plan's 20 s (scaled: 400 ms) once with the agent, then hung up by itself.
    const lead = await provider.inspectCall(leadSid);
    expect(lead).toMatchObject({ status: 'completed', party: 'lead', conference: null });
    const talked = Date.parse(lead?.ended_at ?? '') - Date.parse(lead?.talk_started_at ?? '');
    expect(talked).toBeGreaterThanOrEqual(400);
    expect(talked).toBeLessThan(3000);
    expect(delays.get(leadSid)).toContain(400);

    // The whisper: our announce URL POSTed (signed) for the agent, remembered with the conference.
    expect(of('agent-answer', 'A1').filter((r) => r.query.get('announce') === '1')).toEqual([
      expect.objectContaining({
        params: expect.objectContaining({ CallSid: agentSid, ConferenceSid: agentConfSid }),
      }),
    ]);
    const conference = await provider.inspectConference(agentConfSid);
    expect(conference).toMatchObject({
      status: 'completed',
      participants: [],
      announcements: [expect.objectContaining({ call_sid: agentSid, text: 'Jane, spring campaign' })],
    });

    // The call was recorded: its recording callback after the end, and the recording can be erased.
    const [recording] = of('recording', 'L1').map((r) => r.params);
    expect(recording).toMatchObject({
      CallSid: leadSid,
      RecordingSid: expect.stringMatching(/^RE[0-9a-f]{32}$/),
      RecordingStatus: 'completed',
      RecordingChannels: '2',
      RecordingSource: 'OutboundAPI',
      RecordingDuration: completed.CallDuration,
    });
    expect(recording.RecordingUrl).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/${completed.AccountSid}/Recordings/${recording.RecordingSid}`,
    );
    expect(await ledger.findRecording(TENANT, recording.RecordingSid)).not.toBeNull();
    await provider.deleteRecording(recording.RecordingSid);
    await provider.deleteRecording(recording.RecordingSid);
    expect(await ledger.findRecording(TENANT, recording.RecordingSid)).toBeNull();
    const record = await provider.fetchCall(leadSid);
    expect(record).toMatchObject({ status: 'completed', to: LEAD, from: FROM, price_unit: 'USD' });
    // Billed as Twilio does, each started minute of the answered call in full, and stated as a charge.
    expect(record!.price).toBe(simulatedPrice(record!.duration!));
    expect(record!.price).toBeLessThan(0);
  });

  it('drops a voicemail on a machine once its greeting ended, then the machine call completes', async () => {
    provider = simulator(only('machine'));
    route = async (r) => {
      if (r.route === 'answer') return hold('call_M1', 'M1').toString();
      if (r.route === 'amd') {
        const drop = new twiml.VoiceResponse();
        drop.play('https://cdn.example.test/voicemail.mp3');
        drop.hangup();
        await provider.updateCall(r.params.CallSid, { twiml: drop.toString() });
      }
      return undefined;
    };
    const { call_sid: sid } = await provider.placeCall(request('M1'));
    await until('the machine call to end', () => statuses('M1').includes('completed'));

    expect(received.every((r) => r.signed)).toBe(true);
    expect(statuses('M1')).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(of('amd', 'M1').map((r) => r.params.AnsweredBy)).toEqual(['machine_end_beep']);
    expect(events('M1')).toEqual([
      `conference-start:${sid}`,
      `participant-join:${sid}`,
      `participant-leave:${sid}`,
      `conference-end:${sid}`,
    ]);
    // The voicemail (8 s, scaled: 160 ms) played before the hang-up.
    expect(of('status', 'M1')[3].at - of('amd', 'M1')[0].at).toBeGreaterThanOrEqual(150);
    await expect(provider.updateCall(sid, { twiml: '<Response/>' })).rejects.toMatchObject({
      providerCode: '21220',
      httpStatus: 400,
    });
    await expect(provider.updateCall(sid, { status: 'completed' })).resolves.toBeUndefined();
  });

  it('posts no-answer after the ring timeout (shorter than the plan), and busy; a 5xx callback is retried', async () => {
    provider = simulator(only('no_answer'));
    const started = Date.now();
    const { call_sid: noAnswer } = await provider.placeCall(request('N1', { timeout_seconds: 15 }));
    await until('no-answer', () => statuses('N1').includes('no-answer'));
    expect(statuses('N1')).toEqual(['initiated', 'ringing', 'no-answer']);
    // 15 s scaled is 300 ms; the plan's 25 s would be 500 ms.
    expect(of('status', 'N1')[2].at - started).toBeGreaterThanOrEqual(290);
    expect(delays.get(noAnswer)).toEqual([0, 300]);
    expect(of('status', 'N1')[2].params.CallDuration).toBeUndefined();
    expect(await provider.fetchCall(noAnswer)).toMatchObject({ status: 'no-answer', duration: 0, price: 0 });

    provider = simulator(only('busy'));
    let failures = 1;
    route = (r) => (r.route === 'status' && failures-- > 0 ? { status: 503 } : undefined);
    await provider.placeCall(request('B1'));
    await until('busy', () => statuses('B1').includes('busy'));
    // The first callback answered 503 and came again; the call moved on once, in order.
    expect(statuses('B1')).toEqual(['initiated', 'initiated', 'busy']);
    expect(of('status', 'B1').map((r) => r.params.SequenceNumber)).toEqual(['0', '0', '1']);
    expect(of('answer')).toHaveLength(0);
    expect(received.every((r) => r.signed)).toBe(true);
  });

  it('hangs up a human left alone in a conference after its patience', async () => {
    provider = simulator({ ...only('human'), humanPatienceMs: 10_000 });
    route = (r) => (r.route === 'answer' ? hold('call_P1', 'P1').toString() : undefined);
    const { call_sid: sid } = await provider.placeCall(request('P1'));
    await until('the hang-up', () => statuses('P1').includes('completed'));
    // It waited 10 s (scaled: 200 ms) from its join, itself after the answer.
    const call = await provider.inspectCall(sid);
    const waited = Date.parse(call?.ended_at ?? '') - Date.parse(call?.answered_at ?? '');
    expect(waited).toBeGreaterThanOrEqual(200);
    expect(waited).toBeLessThan(3000);
    expect(delays.get(sid)).toContain(200);
    expect(events('P1')).toEqual([
      `conference-start:${sid}`,
      `participant-join:${sid}`,
      `participant-leave:${sid}`,
      `conference-end:${sid}`,
    ]);
  });

  it('takes a call to the tenant number: the caller leaves a voicemail, recorded and called back', async () => {
    provider = simulator({});
    route = (r) => {
      if (r.route !== 'voice-inbound') return undefined;
      const doc = new twiml.VoiceResponse();
      doc.say('Please leave a message');
      doc.record({ maxLength: 120, playBeep: true, recordingStatusCallback: url('recording', 'I1') });
      doc.hangup();
      return doc.toString();
    };
    const { call_sid: sid } = await provider.originateInbound({
      from: LEAD,
      to: FROM,
      voiceInboundUrl: `${base}/webhooks/twilio/voice-inbound?key=${KEY}`,
      statusCallbackUrl: url('status', 'I1'),
    });
    await until('the end of the call', () => statuses('I1').includes('completed'));
    expect(of('voice-inbound')[0].params).toMatchObject({
      CallSid: sid,
      From: LEAD,
      To: FROM,
      Caller: LEAD,
      Called: FROM,
      Direction: 'inbound',
      CallStatus: 'ringing',
    });
    expect(of('recording', 'I1').map((r) => r.params)).toEqual([
      expect.objectContaining({ CallSid: sid, RecordingSource: 'RecordVerb', RecordingDuration: '6' }),
    ]);
    expect(of('status', 'I1').map((r) => [r.params.CallStatus, r.params.Caller])).toEqual([
      ['in-progress', LEAD],
      ['completed', LEAD],
    ]);
    expect(received.every((r) => r.signed)).toBe(true);
  });

  it('refuses a bad placement and unknown calls as Twilio does, recording nothing', async () => {
    provider = simulator({});
    await expect(provider.placeCall(request('X1', { to: '555' }))).rejects.toMatchObject({
      provider: 'simulator',
      providerCode: '21211',
      httpStatus: 400,
      retryable: false,
    });
    await expect(provider.updateCall('CA0000', { status: 'completed' })).rejects.toMatchObject({
      providerCode: '20404',
    });
    await expect(provider.announce('CF0000', 'CA0000', url('agent-answer', 'X1'))).rejects.toMatchObject({
      providerCode: '20404',
    });
    expect(await provider.fetchCall('CA0000')).toBeNull();
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(0);
  });
});
