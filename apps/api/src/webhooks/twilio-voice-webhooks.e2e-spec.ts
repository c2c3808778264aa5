import { randomBytes } from 'node:crypto';
import { ChannelConfigsService, VoiceChannelsService } from '@app/domain';
import { signTwilioRequest } from '@app/providers';
import { JobProducer, QueueName } from '@app/queues';
import {
  CallRowFields,
  createTenant,
  expectError,
  expectValidation,
  insertAgentRow,
  insertCallRow,
  TestTenant,
  useTestApi,
} from '@app/testing';

type Form = Record<string, string>;
/** What a webhook is checked with: the config's routing key and signing secret. */
interface Signer {
  webhookKey: string;
  signingSecret: string;
}

const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const HANGUP = `${XML}<Response><Hangup/></Response>`;
const SAY = '<Say voice="Polly.Joanna" language="en-US">';
const ACCOUNT = `AC${'0'.repeat(32)}`;
const TIMESTAMP = 'Tue, 10 Jun 2025 12:00:01 +0000';
const LEAD_PHONE = '+14155552681';
const TENANT_NUMBER = '+14155550000';
const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

const callForm = (callSid: string, status: string, extra: Form = {}): Form => ({
  CallSid: callSid,
  AccountSid: ACCOUNT,
  From: TENANT_NUMBER,
  To: LEAD_PHONE,
  Direction: 'outbound-api',
  CallStatus: status,
  ApiVersion: '2010-04-01',
  Timestamp: TIMESTAMP,
  SequenceNumber: '0',
  CallbackSource: 'call-progress-events',
  ...extra,
});
const amdForm = (callSid: string): Form => ({
  CallSid: callSid,
  AccountSid: ACCOUNT,
  AnsweredBy: 'human',
  MachineDetectionDuration: '2100',
});
const conferenceForm = (callSid: string, callId: string): Form => ({
  ConferenceSid: sid('CF'),
  FriendlyName: `call_${callId}`,
  AccountSid: ACCOUNT,
  StatusCallbackEvent: 'participant-join',
  CallSid: callSid,
  Muted: 'false',
  Hold: 'false',
  Coaching: 'false',
  EndConferenceOnExit: 'true',
  StartConferenceOnEnter: 'true',
  Timestamp: TIMESTAMP,
  SequenceNumber: '1',
});
const recordingForm = (callSid: string): Form => ({
  AccountSid: ACCOUNT,
  CallSid: callSid,
  RecordingSid: sid('RE'),
  RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Recordings/RE1`,
  RecordingStatus: 'completed',
  RecordingDuration: '42',
  RecordingChannels: '1',
  RecordingSource: 'RecordVerb',
  RecordingStartTime: TIMESTAMP,
});
const inboundForm = (callSid: string, from = LEAD_PHONE): Form => ({
  CallSid: callSid,
  AccountSid: ACCOUNT,
  From: from,
  To: TENANT_NUMBER,
  Caller: from,
  Called: TENANT_NUMBER,
  Direction: 'inbound',
  CallStatus: 'ringing',
  ApiVersion: '2010-04-01',
});

/** Each route, a form it accepts, the field its 400 names when the form is empty, and whether it reads `callId`. */
const ROUTES: { route: string; form: (callId: string) => Form; field: string; callId: boolean }[] = [
  { route: 'answer', form: () => callForm(sid('CA'), 'in-progress'), field: 'CallSid', callId: true },
  { route: 'status', form: () => callForm(sid('CA'), 'ringing'), field: 'CallStatus', callId: true },
  { route: 'amd', form: () => amdForm(sid('CA')), field: 'AnsweredBy', callId: true },
  { route: 'agent-answer', form: () => callForm(sid('CA'), 'in-progress'), field: 'CallSid', callId: true },
  {
    route: 'conference-status',
    form: (callId) => conferenceForm(sid('CA'), callId),
    field: 'StatusCallbackEvent',
    callId: true,
  },
  { route: 'recording', form: () => recordingForm(sid('CA')), field: 'RecordingSid', callId: true },
  { route: 'voice-inbound', form: () => inboundForm(sid('CA')), field: 'CallSid', callId: false },
];

/** Seed 001's voice webhooks: signed, keyed by the tenant's voice config, recorded once, answered with TwiML. */
describe('Twilio voice webhooks (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let other: TestTenant;
  let voice: Signer;
  let otherVoice: Signer;
  let sms: Signer;
  let agentId: string;
  let leadId: string;
  /** A live dialer call of `tenant` (nothing ended it). */
  let dialerCall: string;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    other = await createTenant(api.http);
    const voices = api.app.get(VoiceChannelsService);
    voice = await voices.resolve(tenant.id);
    otherVoice = await voices.resolve(other.id);
    sms = await api.app.get(ChannelConfigsService).resolve(tenant.id, 'sms');
    agentId = await insertAgentRow(api.db, tenant.id, { name: 'Grace' });
    const lead = await api.http.post('/api/leads').set(tenant.admin.headers).send({
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone: LEAD_PHONE,
      company: 'Analytical Engines',
      notes: 'Asked about pricing & onboarding',
    });
    expect(lead.status).toBe(201);
    leadId = lead.body.data.id;
    dialerCall = await call(tenant.id, { kind: 'dialer', status: 'ringing', lead_id: leadId });
  });

  async function call(tenantId: string, fields: CallRowFields, metadata?: object): Promise<string> {
    const id = await insertCallRow(api.db, tenantId, fields);
    if (metadata) await api.db.query('UPDATE calls SET metadata = $2 WHERE id = $1', [id, metadata]);
    return id;
  }
  const path = (route: string, key?: string, query = '') =>
    `/webhooks/twilio/${route}${key === undefined ? '?' : `?key=${key}`}${query}`;
  const callPath = (route: string, callId: string, signer: Signer = voice, extra = '') =>
    path(route, signer.webhookKey, `&callId=${callId}${extra}`);
  const publicUrl = (p: string) => `${api.config.publicBaseUrl}${p}`;
  const post = (p: string, form: Form, signature?: string) => {
    const req = api.http.post(p).type('form').send(form);
    return signature === undefined ? req : req.set('X-Twilio-Signature', signature);
  };
  const signed = (p: string, form: Form, signer: Signer = voice) =>
    post(p, form, signTwilioRequest(signer.signingSecret, publicUrl(p), form));
  const dialerQueue = () => api.app.get(JobProducer).queue(QueueName.Dialer);
  /**
   * Everything a refused webhook must leave alone: the two tenants' recorded events, calls and queued jobs (other
   * test files of the run share the database and the queues).
   */
  const snapshot = async () => {
    const ours = [tenant.id, other.id];
    const jobs = await dialerQueue().getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    return {
      events: await api.db.query('SELECT id FROM webhook_events WHERE tenant_id = ANY($1) ORDER BY id', [
        ours,
      ]),
      calls: await api.db.query('SELECT * FROM calls WHERE tenant_id = ANY($1) ORDER BY id', [ours]),
      jobs: jobs.filter((j) => j && ours.includes((j.data as { tenant_id?: string }).tenant_id ?? '')).length,
    };
  };
  const eventRows = (eventKey: string, tenantId = tenant.id) =>
    api.db.query(
      `SELECT id, kind, provider, payload FROM webhook_events WHERE tenant_id = $1 AND event_key = $2`,
      [tenantId, eventKey],
    ) as Promise<{ id: string; kind: string; provider: string; payload: Record<string, unknown> }[]>;
  const conference = (name: string, legId: string, endOnExit: boolean, signer: Signer = voice) =>
    `<Dial><Conference startConferenceOnEnter="true" endConferenceOnExit="${endOnExit}" beep="false" waitUrl="" ` +
    `statusCallback="${publicUrl(callPath('conference-status', legId, signer)).replace(/&/g, '&amp;')}" ` +
    `statusCallbackEvent="start end join leave">${name}</Conference></Dial>`;
  const expectTwiml = (
    res: { status: number; headers: Record<string, string>; text: string },
    body: string,
  ) => {
    expect({ status: res.status, type: res.headers['content-type'], text: res.text }).toEqual({
      status: 200,
      type: expect.stringMatching(/^text\/xml/),
      text: `${XML}<Response>${body}</Response>`,
    });
  };

  describe('refusals (DESIGN §7.7)', () => {
    const cases: [string, () => { key?: string; secret?: string }][] = [
      ['no key', () => ({ secret: voice.signingSecret })],
      ['an unknown key', () => ({ key: 'A'.repeat(43), secret: voice.signingSecret })],
      ['no signature', () => ({ key: voice.webhookKey })],
      ['a signature made with another secret', () => ({ key: voice.webhookKey, secret: 'x'.repeat(32) })],
      ["another tenant's voice secret", () => ({ key: voice.webhookKey, secret: otherVoice.signingSecret })],
      [
        "the tenant's SMS config key, signed with its secret",
        () => ({ key: sms.webhookKey, secret: sms.signingSecret }),
      ],
    ];
    const table = ROUTES.flatMap((r) => cases.map(([what, auth]) => [r.route, what, r, auth] as const));

    it.each(table)('%s refuses %s with 403 and changes nothing', async (_route, _what, r, auth) => {
      const before = await snapshot();
      const { key, secret } = auth();
      const p = path(r.route, key, r.callId ? `&callId=${dialerCall}` : '');
      const form = r.form(dialerCall);
      const res = await post(
        p,
        form,
        secret === undefined ? undefined : signTwilioRequest(secret, publicUrl(p), form),
      );
      expectError(res, 403, 'AUTHORIZATION_FAILED');
      expect(await snapshot()).toEqual(before);
    });

    it.each(ROUTES.filter((r) => r.callId))(
      '$route refuses a signature made for another callId or other fields',
      async (r) => {
        const before = await snapshot();
        const form = r.form(dialerCall);
        const signedFor = callPath(r.route, dialerCall);
        const signature = signTwilioRequest(voice.signingSecret, publicUrl(signedFor), form);
        const elsewhere = callPath(r.route, '00000000-0000-7000-8000-000000000001');
        expectError(await post(elsewhere, form, signature), 403, 'AUTHORIZATION_FAILED');
        expectError(
          await post(signedFor, { ...form, CallSid: sid('CA') }, signature),
          403,
          'AUTHORIZATION_FAILED',
        );
        expect(await snapshot()).toEqual(before);
      },
    );

    it('a voice key on the messaging route is refused: the key names the voice config, not an SMS one', async () => {
      const before = await snapshot();
      const p = path('messaging', voice.webhookKey);
      const form = {
        MessageSid: sid('SM'),
        AccountSid: ACCOUNT,
        From: LEAD_PHONE,
        To: TENANT_NUMBER,
        Body: 'hi',
      };
      expectError(await signed(p, form), 403, 'AUTHORIZATION_FAILED');
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('signed forms that do not validate', () => {
    it.each(ROUTES)('$route answers a form without its required fields 400 naming $field', async (r) => {
      const before = await snapshot();
      const p = r.callId ? callPath(r.route, dialerCall) : path(r.route, voice.webhookKey);
      expectValidation(await signed(p, { AccountSid: ACCOUNT }), [r.field]);
      expect(await snapshot()).toEqual(before);
    });

    it.each(ROUTES.filter((r) => r.callId))(
      '$route answers a callId that is not a UUID 400 on callId',
      async (r) => {
        const before = await snapshot();
        expectValidation(await signed(callPath(r.route, 'not-a-uuid'), r.form(dialerCall)), ['callId']);
        // The number's own status callback carries no callId (an inbound call): only the other routes need one.
        if (r.route !== 'status')
          expectValidation(await signed(path(r.route, voice.webhookKey), r.form(dialerCall)), ['callId']);
        expect(await snapshot()).toEqual(before);
      },
    );

    it("status without a callId (the number's status callback) is recorded, to be matched by CallSid", async () => {
      const callSid = sid('CA');
      const res = await signed(path('status', voice.webhookKey), callForm(callSid, 'completed'));
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ recorded: 1, duplicates: 0 });
      const [row] = await eventRows(`call:${callSid}:status:completed`);
      expect(row.payload).toMatchObject({ type: 'status', call_id: null, form: { call_sid: callSid } });
      // With the platform clock's time it came: its job moves the call at that time, however late it runs.
      expect(row.payload.received_at).toBe(api.clock.now().toISOString());
    });

    it('voice-inbound refuses a form that is not an inbound call, and creates no call', async () => {
      const before = await snapshot();
      const form = { ...inboundForm(sid('CA')), Direction: 'outbound-api' };
      expectValidation(await signed(path('voice-inbound', voice.webhookKey), form), ['CallSid']);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('recording events', () => {
    it('records a status callback once, queues calls.event, and answers a redelivery as a duplicate', async () => {
      const callSid = sid('CA');
      const form = callForm(callSid, 'ringing', { SequenceNumber: '1' });
      const p = callPath('status', dialerCall);
      const first = await signed(p, form);
      expect({ status: first.status, body: first.body }).toEqual({
        status: 200,
        body: { success: true, data: { recorded: 1, duplicates: 0 } },
      });
      const again = await signed(p, form);
      expect({ status: again.status, body: again.body }).toEqual({
        status: 200,
        body: { success: true, data: { recorded: 0, duplicates: 1 } },
      });

      const rows = await eventRows(`call:${callSid}:status:ringing`);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: 'call', provider: 'simulator' });
      expect(rows[0].payload).toMatchObject({
        kind: 'call',
        type: 'status',
        call_id: dialerCall,
        form: {
          call_sid: callSid,
          call_status: 'ringing',
          direction: 'outbound-api',
          sequence_number: 1,
          timestamp: '2025-06-10T12:00:01.000Z',
        },
      });
      const job = await dialerQueue().getJob(`inbound-${rows[0].id}`);
      expect({ name: job?.name, data: job?.data }).toEqual({
        name: 'calls.event',
        data: { tenant_id: tenant.id, event_id: rows[0].id },
      });
      expect((await api.db.query('SELECT status FROM calls WHERE id = $1', [dialerCall]))[0].status).toBe(
        'ringing',
      );

      const completed = await signed(p, callForm(callSid, 'completed', { CallDuration: '31' }));
      expect(completed.body.data).toEqual({ recorded: 1, duplicates: 0 });
      expect(await eventRows(`call:${callSid}:status:completed`)).toHaveLength(1);
    });

    it.each([
      ['amd', (s: string) => amdForm(s), (s: string) => `call:${s}:amd`, () => ({ answered_by: 'human' })],
      [
        'recording',
        (s: string) => ({ ...recordingForm(s), RecordingSid: `RE${'1'.repeat(32)}` }),
        () => `rec:RE${'1'.repeat(32)}:completed`,
        () => ({ recording_status: 'completed', recording_duration: 42 }),
      ],
      [
        'conference-status',
        (s: string) => ({ ...conferenceForm(s, dialerCall), ConferenceSid: `CF${'2'.repeat(32)}` }),
        (s: string) => `conf:CF${'2'.repeat(32)}:participant-join:${s}:1`,
        () => ({ event: 'participant-join', friendly_name: `call_${dialerCall}` }),
      ],
    ] as const)('records a signed %s callback once', async (route, form, eventKey, fields) => {
      const callSid = sid('CA');
      const body = form(callSid);
      const p = callPath(route, dialerCall);
      expect((await signed(p, body)).body.data).toEqual({ recorded: 1, duplicates: 0 });
      expect((await signed(p, body)).body.data).toEqual({ recorded: 0, duplicates: 1 });
      const rows = await eventRows(eventKey(callSid));
      expect(rows).toHaveLength(1);
      expect(rows[0].payload).toMatchObject({
        kind: 'call',
        call_id: dialerCall,
        form: { call_sid: callSid, ...fields() },
      });
    });
  });

  describe('POST /webhooks/twilio/answer', () => {
    const answer = (callId: string, signer: Signer = voice, callSid = sid('CA')) =>
      signed(callPath('answer', callId, signer), callForm(callSid, 'in-progress'), signer);

    it("holds a dialed lead in its own conference, records the answer once, and answers Twilio's retry the same", async () => {
      const callSid = sid('CA');
      const first = await answer(dialerCall, voice, callSid);
      expectTwiml(first, conference(`call_${dialerCall}`, dialerCall, true));
      expectTwiml(
        await answer(dialerCall, voice, callSid),
        conference(`call_${dialerCall}`, dialerCall, true),
      );
      const rows = await eventRows(`call:${callSid}:answer`);
      expect(rows.map((r) => r.payload)).toEqual([
        expect.objectContaining({ type: 'answer', call_id: dialerCall }),
      ]);
    });

    it('plays a broadcast: its message spoken, or its audio, then hangs up', async () => {
      const spoken = await call(
        tenant.id,
        { kind: 'broadcast', status: 'ringing' },
        { message: 'Your appointment is at 3 pm.' },
      );
      expectTwiml(await answer(spoken), `${SAY}Your appointment is at 3 pm.</Say><Hangup/>`);
      const audio = await call(
        tenant.id,
        { kind: 'broadcast', status: 'ringing' },
        {
          audio_url: 'https://example.com/reminder.mp3',
        },
      );
      expectTwiml(await answer(audio), '<Play>https://example.com/reminder.mp3</Play><Hangup/>');
      const empty = await call(tenant.id, { kind: 'broadcast', status: 'ringing' }, {});
      expectTwiml(await answer(empty), '<Hangup/>');
    });

    it('hangs up an unknown call, an ended one, an abandoned one, and a call that is not dialed', async () => {
      const ended = await call(tenant.id, { kind: 'dialer', status: 'completed', end_time: new Date() });
      const abandoned = await call(
        tenant.id,
        { kind: 'dialer', status: 'in-progress' },
        { abandoned_at: '2025-06-10T12:00:00Z' },
      );
      const leg = await call(tenant.id, { kind: 'agent_leg', status: 'ringing', agent_id: agentId });
      for (const id of ['00000000-0000-7000-8000-0000000000ff', ended, abandoned, leg]) {
        const res = await answer(id);
        expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: HANGUP });
      }
    });
  });

  describe('POST /webhooks/twilio/agent-answer', () => {
    const agentAnswer = (callId: string, extra = '') =>
      signed(callPath('agent-answer', callId, voice, extra), callForm(sid('CA'), 'in-progress'));
    const whisper = `${SAY}Ada Lovelace of Analytical Engines. Notes: Asked about pricing &amp; onboarding</Say>`;

    it("whispers the lead's name and notes to the agent, then joins the lead's conference", async () => {
      const leg = await call(tenant.id, {
        kind: 'agent_leg',
        status: 'ringing',
        agent_id: agentId,
        parent_call_id: dialerCall,
      });
      const res = await agentAnswer(leg, `&conferenceName=call_${dialerCall}`);
      expectTwiml(res, `${whisper}${conference(`call_${dialerCall}`, leg, true)}`);
      const [row] = await api.db.query(`SELECT payload FROM webhook_events WHERE payload->>'call_id' = $1`, [
        leg,
      ]);
      expect(row.payload).toMatchObject({ kind: 'call', type: 'agent-answer', call_id: leg });
    });

    it("joins an agent's live leg (no lead yet) to the agent's own conference", async () => {
      // An agent of its own: Grace has a live leg open already (an agent has one at a time).
      const lin = await insertAgentRow(api.db, tenant.id, { name: 'Lin' });
      const leg = await call(tenant.id, { kind: 'agent_leg', status: 'ringing', agent_id: lin });
      expectTwiml(
        await agentAnswer(leg, `&conferenceName=agent_${lin}`),
        `${SAY}You are connected. Your calls will come through on this line.</Say>${conference(`agent_${lin}`, leg, true)}`,
      );
    });

    it("answers the whisper alone for an announcement on the lead's call, recording nothing", async () => {
      const before = await snapshot();
      expectTwiml(await agentAnswer(dialerCall, '&announce=1'), whisper);
      expect(await snapshot()).toEqual(before);
    });

    it('hangs up a leg whose lead call ended, an ended leg, a call that is not a leg, and an unknown call', async () => {
      const endedLead = await call(tenant.id, { kind: 'dialer', lead_id: leadId, end_time: new Date() });
      const orphan = await call(tenant.id, {
        kind: 'agent_leg',
        agent_id: agentId,
        status: 'ringing',
        parent_call_id: endedLead,
      });
      const endedLeg = await call(tenant.id, { kind: 'agent_leg', agent_id: agentId, end_time: new Date() });
      for (const id of [orphan, endedLeg, dialerCall, '00000000-0000-7000-8000-0000000000fe']) {
        const res = await agentAnswer(id);
        expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: HANGUP });
      }
    });
  });

  describe('POST /webhooks/twilio/voice-inbound', () => {
    const inboundCalls = (tenantId: string, callSid: string) =>
      api.db.query(
        `SELECT id, kind, direction, status, from_number, to_number, lead_id, call_sid, start_time, answer_time
           FROM calls WHERE tenant_id = $1 AND call_sid = $2`,
        [tenantId, callSid],
      ) as Promise<Record<string, unknown>[]>;

    it("creates one inbound call linked to the caller's lead and holds the caller; a retry changes nothing", async () => {
      const callSid = sid('CA');
      const p = path('voice-inbound', voice.webhookKey);
      const first = await signed(p, inboundForm(callSid));
      const rows = await inboundCalls(tenant.id, callSid);
      expect(rows).toEqual([
        {
          id: expect.any(String),
          kind: 'inbound',
          direction: 'inbound',
          // Held in a conference by our TwiML: answered now.
          status: 'in-progress',
          from_number: LEAD_PHONE,
          to_number: TENANT_NUMBER,
          lead_id: leadId,
          call_sid: callSid,
          start_time: api.clock.now(),
          answer_time: api.clock.now(),
        },
      ]);
      const id = rows[0].id as string;
      expectTwiml(first, conference(`call_${id}`, id, true));
      const recorded = await eventRows(`call:${callSid}:inbound`);
      expect(recorded.map((r) => r.payload)).toEqual([
        expect.objectContaining({ kind: 'call', type: 'inbound', call_id: id }),
      ]);

      const before = await snapshot();
      expectTwiml(await signed(p, inboundForm(callSid)), conference(`call_${id}`, id, true));
      expect(await snapshot()).toEqual(before);
    });

    it("links no lead for an unknown number, nor another tenant's lead", async () => {
      const otherPhone = '+14155552682';
      await api.http
        .post('/api/leads')
        .set(other.admin.headers)
        .send({ first_name: 'Bo', phone: otherPhone })
        .expect(201);
      const callSid = sid('CA');
      expect(
        (await signed(path('voice-inbound', voice.webhookKey), inboundForm(callSid, otherPhone))).status,
      ).toBe(200);
      expect(await inboundCalls(tenant.id, callSid)).toEqual([
        expect.objectContaining({ lead_id: null, from_number: otherPhone }),
      ]);
      expect(await inboundCalls(other.id, callSid)).toEqual([]);
    });

    it('takes a call from a SIP address or a Twilio Client as the provider names it: no lead, the caller held', async () => {
      const p = path('voice-inbound', voice.webhookKey);
      const callers = [
        {
          from: `sip:${LEAD_PHONE}@acme.sip.us1.twilio.com`,
          to: `sip:${TENANT_NUMBER}@acme.sip.us1.twilio.com`,
        },
        { from: 'client:alice', to: TENANT_NUMBER },
      ];
      for (const { from, to } of callers) {
        const callSid = sid('CA');
        const res = await signed(p, { ...inboundForm(callSid, from), To: to, Called: to });
        expect(res.status).toBe(200);
        const rows = await inboundCalls(tenant.id, callSid);
        expect(rows).toEqual([
          expect.objectContaining({ kind: 'inbound', from_number: from, to_number: to, lead_id: null }),
        ]);
        const id = rows[0].id as string;
        expectTwiml(res, conference(`call_${id}`, id, true));
      }
    });
  });

  describe('tenancy', () => {
    it("another tenant's key with our call id hangs up and changes nothing of ours", async () => {
      // A lead's call rings one agent at a time: this leg is for a call of its own.
      const parent = await call(tenant.id, { kind: 'dialer', status: 'ringing', lead_id: leadId });
      const leg = await call(tenant.id, {
        kind: 'agent_leg',
        status: 'ringing',
        agent_id: agentId,
        parent_call_id: parent,
      });
      const ours = async () => ({
        calls: await api.db.query('SELECT * FROM calls WHERE tenant_id = $1 ORDER BY id', [tenant.id]),
        events: await api.db.query('SELECT id FROM webhook_events WHERE tenant_id = $1 ORDER BY id', [
          tenant.id,
        ]),
      });
      const before = await ours();
      for (const [route, id] of [
        ['answer', dialerCall],
        ['agent-answer', leg],
      ] as const) {
        const res = await signed(
          callPath(route, id, otherVoice),
          callForm(sid('CA'), 'in-progress'),
          otherVoice,
        );
        expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: HANGUP });
      }
      const announce = callPath('agent-answer', dialerCall, otherVoice, '&announce=1');
      expect((await signed(announce, callForm(sid('CA'), 'in-progress'), otherVoice)).text).toBe(HANGUP);
      expect(await ours()).toEqual(before);
    });
  });
});
