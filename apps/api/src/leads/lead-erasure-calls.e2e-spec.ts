import { eraseRecordingsJobId, ErasedRecordingsService, SimulatorRuntime } from '@app/domain';
import { JobProducer, PermanentJobError, QueueName } from '@app/queues';
import { ProviderError, SimulatorTelephonyAdapter } from '@app/providers';
import {
  createTenant,
  expectError,
  insertAgentRow,
  insertCallRow,
  TestTenant,
  useTestApi,
} from '@app/testing';
import { randomBytes } from 'node:crypto';

/**
 * Issue 6 item 10: erasing a lead (DELETE /api/leads/:id?erase=true) also erases its calls' notes, recordings,
 * contact name and the person's number, in the erasure's transaction, and deletes the recordings at the telephony
 * provider (the simulator here) once it has committed; the calls' statistics stay.
 */

type Json = Record<string, unknown>;
const NOW = '2025-02-03T10:00:00.000Z';
const CALLER_ID = '+12125550000';
const TENANT_NUMBER = '+12125559999';
const AGENT_PHONE = '+12125557777';
const ERIN = '+12125550150';
const OTHER = '+12125550151';

const newSid = () => `RE${randomBytes(16).toString('hex')}`;
const recordingUrl = (sid: string) =>
  `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/${sid}`;

/** The columns erasure must leave alone: what call statistics read. */
const STATISTICS = `kind, direction, status, disposition, answered_by, campaign_id, agent_id, parent_call_id, call_sid,
  start_time, answer_time, end_time, duration, talk_time, cost::float8 AS cost, created_at`;

describe('lead erasure: calls (e2e)', () => {
  const api = useTestApi();
  let runtime: SimulatorRuntime;

  beforeAll(async () => {
    runtime = api.app.get(SimulatorRuntime);
  });
  beforeEach(() => api.clock.set(NOW));
  afterEach(() => jest.restoreAllMocks());

  async function createLead(tenant: TestTenant, body: Json): Promise<string> {
    const res = await api.http.post('/api/leads').set(tenant.admin.headers).send(body);
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }

  /** A recording the simulated provider holds for the tenant (as its engine saves one when a call is recorded). */
  async function plantRecording(tenantId: string, callSid: string): Promise<string> {
    const sid = newSid();
    await runtime.telephonyLedger.saveRecording({
      tenant_id: tenantId,
      recording_sid: sid,
      call_sid: callSid,
      url: recordingUrl(sid),
      duration_seconds: 42,
      source: 'OutboundAPI',
      created_at: NOW,
    });
    return sid;
  }

  const atProvider = async (tenantId: string, sid: string) =>
    (await runtime.telephonyLedger.findRecording(tenantId, sid)) !== null;

  /** A call of the tenant with a recording (at the provider too), notes and metadata. */
  async function recordedCall(
    tenantId: string,
    fields: Parameters<typeof insertCallRow>[2],
    metadata: Json,
  ): Promise<{ id: string; sid: string }> {
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const id = await insertCallRow(api.db, tenantId, { call_sid: callSid, ...fields });
    const sid = await plantRecording(tenantId, callSid);
    await api.db.query(
      `UPDATE calls SET recording_sid = $3, recording_url = $4, recording_duration = 42, metadata = $5::jsonb
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, sid, recordingUrl(sid), JSON.stringify(metadata)],
    );
    return { id, sid };
  }

  const rows = (tenantId: string, where = 'TRUE', params: unknown[] = []): Promise<Json[]> =>
    api.db.query(`SELECT * FROM calls WHERE tenant_id = $1 AND (${where}) ORDER BY id`, [
      tenantId,
      ...params,
    ]);
  const statistics = (tenantId: string): Promise<Json[]> =>
    api.db.query(`SELECT ${STATISTICS} FROM calls WHERE tenant_id = $1 ORDER BY id`, [tenantId]);

  async function stats(tenant: TestTenant): Promise<Json> {
    const summary = await api.http.get('/api/calls/stats/summary').set(tenant.admin.headers);
    const byDisposition = await api.http.get('/api/calls/stats/by-disposition').set(tenant.admin.headers);
    expect([summary.status, byDisposition.status]).toEqual([200, 200]);
    return { summary: summary.body.data, by_disposition: byDisposition.body.data };
  }

  const erase = (tenant: TestTenant, leadId: string) =>
    api.http.delete(`/api/leads/${leadId}?erase=true`).set(tenant.admin.headers);

  /** Erin's calls (outbound answered and recorded, an agent's leg of it, an inbound voicemail, a manual log), and another lead's. */
  async function scene(tenant: TestTenant) {
    const erin = await createLead(tenant, { name: 'Erin Erased', phone: ERIN });
    const other = await createLead(tenant, { name: 'Oscar Other', phone: OTHER });
    const agent = await insertAgentRow(api.db, tenant.id, { name: 'Agent Smith' });
    const answered = await recordedCall(
      tenant.id,
      {
        lead_id: erin,
        agent_id: agent,
        from_number: CALLER_ID,
        to_number: ERIN,
        disposition: 'answered',
        answered_by: 'human',
        start_time: '2025-02-01T09:00:00Z',
        answer_time: '2025-02-01T09:00:10Z',
        end_time: '2025-02-01T09:03:10Z',
        duration: 190,
        talk_time: 170,
        cost: 0.035,
        notes: 'Erin is moving to Lyon in March',
      },
      { amd_ms: 2300, waiting_since: '2025-02-01T09:00:12Z' },
    );
    const leg = await insertCallRow(api.db, tenant.id, {
      kind: 'agent_leg',
      parent_call_id: answered.id,
      agent_id: agent,
      from_number: CALLER_ID,
      to_number: AGENT_PHONE,
      disposition: 'answered',
      duration: 175,
      notes: 'Erin asked about her contract',
    });
    const voicemail = await recordedCall(
      tenant.id,
      {
        kind: 'inbound',
        direction: 'inbound',
        lead_id: erin,
        from_number: ERIN,
        to_number: TENANT_NUMBER,
        disposition: 'missed',
        duration: 35,
        notes: 'Left a message about her account',
      },
      { caller_name: 'ERIN ERASED', agent_group_id: null, message: 'Campaign text' },
    );
    const manual = await insertCallRow(api.db, tenant.id, {
      kind: 'manual',
      lead_id: erin,
      from_number: CALLER_ID,
      to_number: '+12125550199',
      contact_name: 'Erin at work',
      disposition: 'no_answer',
      status: 'no-answer',
      duration: 0,
      notes: 'Tried her work number',
    });
    const othersCall = await recordedCall(
      tenant.id,
      { lead_id: other, from_number: CALLER_ID, to_number: OTHER, disposition: 'answered', duration: 60 },
      { caller_name: 'OSCAR OTHER', amd_ms: 1800 },
    );
    await api.db.query(`UPDATE calls SET notes = 'Oscar wants a quote' WHERE tenant_id = $1 AND id = $2`, [
      tenant.id,
      othersCall.id,
    ]);
    return { erin, other, agent, answered, leg, voicemail, manual, othersCall };
  }

  it("erases the calls of their number linked to no lead (a voicemail left before they were a lead) and those calls' events; a stranger's stay", async () => {
    const tenant = await createTenant(api.http);
    const before = await recordedCall(
      tenant.id,
      {
        kind: 'inbound',
        direction: 'inbound',
        lead_id: null,
        from_number: ERIN,
        to_number: TENANT_NUMBER,
        disposition: 'missed',
        duration: 20,
      },
      { caller_name: 'ERIN ERASED' },
    );
    const stranger = await recordedCall(
      tenant.id,
      {
        kind: 'inbound',
        direction: 'inbound',
        lead_id: null,
        from_number: OTHER,
        to_number: TENANT_NUMBER,
        disposition: 'missed',
        duration: 20,
      },
      { caller_name: 'A STRANGER' },
    );
    const [{ call_sid: beforeSid }] = await rows(tenant.id, 'id = $2', [before.id]);
    const event = async (callId: string | null, callSid: unknown, key: string) =>
      (
        await api.db.query(
          `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload, processed_at)
           VALUES ($1, 'twilio', 'call', $2, $3::jsonb, now()) RETURNING id`,
          [
            tenant.id,
            key,
            JSON.stringify({
              kind: 'call',
              type: callId ? 'inbound' : 'status',
              call_id: callId,
              form: { call_sid: callSid, from: ERIN, caller_name: 'ERIN ERASED' },
            }),
          ],
        )
      )[0].id as string;
    const events = {
      byId: await event(before.id, beforeSid, 'k1'),
      bySid: await event(null, beforeSid, 'k2'),
      strangers: await event(stranger.id, 'CAstranger', 'k3'),
    };
    const strangerBefore = await rows(tenant.id, 'id = $2', [stranger.id]);
    // The activity feed's entries of the calls (inbound_call), which name the number.
    const entry = async (callId: string, from: string) =>
      (
        await api.db.query(
          `INSERT INTO activity_log (tenant_id, type, description, status, data)
           VALUES ($1, 'inbound_call', $2, 'failure', $3::jsonb) RETURNING id`,
          [tenant.id, `Inbound call from ${from} missed`, JSON.stringify({ call_id: callId, lead_id: null })],
        )
      )[0].id as string;
    const entries = { before: await entry(before.id, ERIN), stranger: await entry(stranger.id, OTHER) };
    const erin = await createLead(tenant, { name: 'Erin Erased', phone: ERIN });

    expect((await erase(tenant, erin)).status).toBe(200);
    const [call] = await rows(tenant.id, 'id = $2', [before.id]);
    expect(call).toMatchObject({
      lead_id: null,
      from_number: null,
      to_number: TENANT_NUMBER,
      recording_sid: null,
      recording_url: null,
      metadata: { erased_at: NOW },
    });
    expect(await atProvider(tenant.id, before.sid)).toBe(false);
    const payload = async (id: string) =>
      (await api.db.query('SELECT payload FROM webhook_events WHERE id = $1', [id]))[0].payload as Json;
    expect(await payload(events.byId)).toEqual({ kind: 'call', erased: true });
    expect(await payload(events.bySid)).toEqual({ kind: 'call', erased: true });
    expect(await payload(events.strangers)).toMatchObject({ call_id: stranger.id });
    expect(await rows(tenant.id, 'id = $2', [stranger.id])).toEqual(strangerBefore);
    expect(await atProvider(tenant.id, stranger.sid)).toBe(true);
    const description = async (id: string) =>
      (await api.db.query('SELECT description FROM activity_log WHERE id = $1', [id]))[0]
        .description as string;
    expect(await description(entries.before)).toBe('About a lead since erased');
    expect(await description(entries.stranger)).toBe(`Inbound call from ${OTHER} missed`);
  });

  it("erases the notes, recordings, names and the person's number of the lead's calls; statistics stay; another lead's calls are untouched", async () => {
    const tenant = await createTenant(api.http);
    const s = await scene(tenant);
    const statsBefore = await stats(tenant);
    const statisticsBefore = await statistics(tenant.id);
    const othersBefore = await rows(tenant.id, 'id = $2', [s.othersCall.id]);
    expect(await atProvider(tenant.id, s.answered.sid)).toBe(true);
    expect(await atProvider(tenant.id, s.voicemail.sid)).toBe(true);

    const res = await erase(tenant, s.erin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: { id: s.erin, erased: true, dnc_entries: 1 } });

    const erased = (id: string) => rows(tenant.id, 'id = $2', [id]).then(([row]) => row);
    const gone = {
      lead_id: null,
      notes: null,
      recording_url: null,
      recording_sid: null,
      recording_duration: null,
      contact_name: null,
      updated_at: new Date(NOW),
    };
    expect(await erased(s.answered.id)).toMatchObject({
      ...gone,
      from_number: CALLER_ID,
      to_number: null,
      metadata: { amd_ms: 2300, waiting_since: '2025-02-01T09:00:12Z', erased_at: NOW },
    });
    // The agent's leg of that call loses its notes; its numbers are ours and the agent's.
    expect(await erased(s.leg)).toMatchObject({
      ...gone,
      from_number: CALLER_ID,
      to_number: AGENT_PHONE,
      metadata: { erased_at: NOW },
    });
    expect(await erased(s.voicemail.id)).toMatchObject({
      ...gone,
      from_number: null,
      to_number: TENANT_NUMBER,
      metadata: { agent_group_id: null, message: 'Campaign text', erased_at: NOW },
    });
    expect(await erased(s.manual)).toMatchObject({
      ...gone,
      from_number: CALLER_ID,
      to_number: null,
      metadata: { erased_at: NOW },
    });

    // Statistics: every call stays with its kind, disposition, times, durations and cost.
    expect(await statistics(tenant.id)).toEqual(statisticsBefore);
    expect(await stats(tenant)).toEqual(statsBefore);

    // The recordings are gone at the provider; the other lead's stays, with its call.
    expect(await atProvider(tenant.id, s.answered.sid)).toBe(false);
    expect(await atProvider(tenant.id, s.voicemail.sid)).toBe(false);
    expect(await atProvider(tenant.id, s.othersCall.sid)).toBe(true);
    expect(await rows(tenant.id, 'id = $2', [s.othersCall.id])).toEqual(othersBefore);

    // Nothing of the person is left in the calls, through the API or in the table.
    const listed = await api.http.get('/api/calls?limit=100').set(tenant.admin.headers);
    expect(listed.status).toBe(200);
    const table = JSON.stringify(await rows(tenant.id, 'id <> $2', [s.othersCall.id])).toLowerCase();
    const feed = JSON.stringify(listed.body.data.filter((c: Json) => c.id !== s.othersCall.id)).toLowerCase();
    for (const personal of [
      'erin',
      'lyon',
      'contract',
      'her account',
      ERIN,
      '+12125550199',
      s.answered.sid,
    ]) {
      expect({ personal, table: table.includes(personal.toLowerCase()) }).toEqual({ personal, table: false });
      expect({ personal, feed: feed.includes(personal.toLowerCase()) }).toEqual({ personal, feed: false });
    }
    const pending = await api.http
      .get('/api/system/activity?type=lead.erasure.recordings_pending')
      .set(tenant.admin.headers);
    expect(pending.body.data).toEqual([]);
  });

  it("another tenant's admin cannot erase the lead (404): its calls and recordings stay as they were", async () => {
    const tenant = await createTenant(api.http);
    const intruder = await createTenant(api.http);
    const s = await scene(tenant);
    const before = await rows(tenant.id);

    expectError(await erase(intruder, s.erin), 404, 'NOT_FOUND', 'Lead not found');

    expect(await rows(tenant.id)).toEqual(before);
    expect(await atProvider(tenant.id, s.answered.sid)).toBe(true);
    expect(await atProvider(tenant.id, s.voicemail.sid)).toBe(true);
    const lead = await api.http.get(`/api/leads/${s.erin}`).set(tenant.admin.headers);
    expect(lead.status).toBe(200);
  });

  /** The worker's job for an erased lead's recordings, as the erasure queued it (null: none queued). */
  const recordingsJob = async (leadId: string) => {
    const job = await api.app.get(JobProducer).queue(QueueName.System).getJob(eraseRecordingsJobId(leadId));
    return job ? { data: job.data, delay: job.opts.delay, attempts: job.opts.attempts } : null;
  };

  it('a provider failure does not undo the erasure: the worker deletes what is left, else records it as pending', async () => {
    const tenant = await createTenant(api.http);
    const s = await scene(tenant);
    const original = SimulatorTelephonyAdapter.prototype.deleteRecording;
    const tried: string[] = [];
    let down = true;
    jest.spyOn(SimulatorTelephonyAdapter.prototype, 'deleteRecording').mockImplementation(async function (
      this: SimulatorTelephonyAdapter,
      sid: string,
    ) {
      tried.push(sid);
      if (down && sid === s.answered.sid)
        throw ProviderError.fromHttp('simulator', 503, { message: 'Simulator 503: unavailable' });
      return original.call(this, sid);
    });

    const res = await erase(tenant, s.erin);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id: s.erin, erased: true, dnc_entries: 1 });

    // The request tried each recording (the failing one 3 times) once the erasure committed.
    expect(tried.filter((sid) => sid === s.answered.sid)).toHaveLength(3);
    expect(tried.filter((sid) => sid === s.voicemail.sid)).toHaveLength(1);
    expect(await atProvider(tenant.id, s.answered.sid)).toBe(true);
    expect(await atProvider(tenant.id, s.voicemail.sid)).toBe(false);
    // The erasure committed all the same.
    expect(await rows(tenant.id, 'id = ANY($2::uuid[])', [[s.answered.id, s.voicemail.id]])).toEqual([
      expect.objectContaining({ lead_id: null, notes: null, recording_sid: null, recording_url: null }),
      expect.objectContaining({ lead_id: null, notes: null, recording_sid: null, recording_url: null }),
    ]);
    expect((await api.http.get(`/api/leads/${s.erin}`).set(tenant.admin.headers)).status).toBe(404);

    // The worker's job, queued in the erasure's transaction, names both recordings.
    const job = await recordingsJob(s.erin);
    expect(job).toEqual({
      data: {
        tenant_id: tenant.id,
        lead_id: s.erin,
        recording_sids: expect.arrayContaining([s.answered.sid, s.voicemail.sid]),
      },
      delay: 60_000,
      attempts: 6,
    });
    const worker = api.app.get(ErasedRecordingsService);
    const activity = async () =>
      (
        await api.http
          .get('/api/system/activity?type=lead.erasure.recordings_pending')
          .set(tenant.admin.headers)
      ).body.data;

    // A try before the last one that still fails throws (Bull retries it) and records nothing.
    await expect(worker.run(job!.data, { attemptsMade: 0, opts: { attempts: 6 } })).rejects.toThrow(
      /still at the provider/,
    );
    expect(await activity()).toEqual([]);
    // The last one records what is left.
    await worker.run(job!.data, { attemptsMade: 5, opts: { attempts: 6 } });
    expect(await activity()).toEqual([
      expect.objectContaining({
        type: 'lead.erasure.recordings_pending',
        status: 'failure',
        data: { lead_id: s.erin, recording_sids: [s.answered.sid] },
      }),
    ]);
    // Once the provider answers, a run deletes it (the one already gone counts as deleted).
    down = false;
    await worker.run(job!.data, { attemptsMade: 0, opts: { attempts: 6 } });
    expect(await atProvider(tenant.id, s.answered.sid)).toBe(false);
  });

  it('a provider that refuses the deletion (bad credentials) is recorded at the first try, and the job fails for good', async () => {
    const tenant = await createTenant(api.http);
    const s = await scene(tenant);
    jest.spyOn(SimulatorTelephonyAdapter.prototype, 'deleteRecording').mockImplementation(async () => {
      throw ProviderError.fromHttp('simulator', 401, { message: 'Authenticate' });
    });
    expect((await erase(tenant, s.erin)).status).toBe(200);
    const job = await recordingsJob(s.erin);
    const pending = () =>
      api.http.get('/api/system/activity?type=lead.erasure.recordings_pending').set(tenant.admin.headers);
    expect((await pending()).body.data).toEqual([]);

    const run = api.app
      .get(ErasedRecordingsService)
      .run(job!.data, { attemptsMade: 0, opts: { attempts: 6 } });
    await expect(run).rejects.toBeInstanceOf(PermanentJobError);
    await expect(run).rejects.toThrow(/refuses to delete 2 recording\(s\) of an erased lead: Authenticate/);
    expect((await pending()).body.data).toEqual([
      expect.objectContaining({
        type: 'lead.erasure.recordings_pending',
        status: 'failure',
        description: expect.stringContaining('Authenticate'),
        data: { lead_id: s.erin, recording_sids: expect.arrayContaining([s.answered.sid, s.voicemail.sid]) },
      }),
    ]);
    expect(await atProvider(tenant.id, s.answered.sid)).toBe(true);
  });

  it('without a job queue the erasure is refused (503) and nothing changes', async () => {
    const tenant = await createTenant(api.http);
    const s = await scene(tenant);
    const before = await rows(tenant.id, 'true', []);
    const producer = api.app.get(JobProducer);
    const enqueue = producer.enqueue.bind(producer);
    jest.spyOn(producer, 'enqueue').mockImplementation((async (name: string, ...rest: unknown[]) => {
      if (name === 'leads.erase-recordings') throw new Error('Connection is closed.');
      return (enqueue as (...a: unknown[]) => Promise<string>)(name, ...rest);
    }) as typeof producer.enqueue);
    const res = await erase(tenant, s.erin);
    expectError(res, 503, 'SERVICE_UNAVAILABLE');
    expect((await api.http.get(`/api/leads/${s.erin}`).set(tenant.admin.headers)).status).toBe(200);
    expect(await rows(tenant.id, 'true', [])).toEqual(before);
    expect(await atProvider(tenant.id, s.answered.sid)).toBe(true);
  });

  it('a job whose erasure rolled back (the lead is still there) deletes nothing', async () => {
    const tenant = await createTenant(api.http);
    const s = await scene(tenant);
    await api.app
      .get(ErasedRecordingsService)
      .run(
        { tenant_id: tenant.id, lead_id: s.erin, recording_sids: [s.answered.sid] },
        { attemptsMade: 0, opts: { attempts: 6 } },
      );
    expect(await atProvider(tenant.id, s.answered.sid)).toBe(true);
    expect(await recordingsJob(s.erin)).toBeNull();
  });
});
