import { SimulatorRuntime } from '@app/domain';
import {
  createAgent,
  createAgentGroup,
  createTenant,
  getBytes,
  startVoicePlatform,
  TestApi,
  TestTenant,
  TestWorker,
  VoicePlatform,
  waitFor,
} from '@app/testing';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';

const MINUTE = 60_000;

/**
 * AMD outcomes and the retry policy through two workers, the webhooks and the telephony simulator: each platform
 * below makes every call end the same way (an answering machine; nobody answering).
 */
describe.each([
  ['machine:1', 'an answering machine'],
  ['no_answer:1', 'nobody'],
])('dialer with %s (e2e)', (mix, who) => {
  let platform: VoicePlatform;
  let api: TestApi;
  let workers: TestWorker[];
  let db: DataSource;

  beforeAll(async () => {
    platform = await startVoicePlatform({
      SIMULATOR_CALL_MIX: mix,
    });
    ({ api, workers, db } = platform);
  }, 60_000);

  afterAll(async () => {
    await platform?.close();
  });

  async function run(t: TestTenant, campaign: Record<string, unknown>) {
    const groupId = await createAgentGroup(api.http, t);
    const agentId = await createAgent(api.http, t, { agent_group_id: groupId });
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Mo', phone: '+12125550111' });
    const created = await api.http
      .post('/api/campaigns')
      .set(t.admin.headers)
      .send({
        name: 'Voice',
        caller_id: '+14155559999',
        agent_group_id: groupId,
        dialing_mode: 'power',
        amd_enabled: true,
        target_filter: 'ALL',
        steps: [
          { type: 'CALL', content: 'Script' },
          { type: 'SMS', content: 'Sorry we missed you' },
        ],
        ...campaign,
      });
    expect(created.status).toBe(201);
    const campaignId = created.body.data.id as string;
    expect((await api.http.post(`/api/campaigns/${campaignId}/start`).set(t.admin.headers)).status).toBe(200);
    await api.http.put(`/api/agents/${agentId}/status`).set(t.admin.headers).send({ status: 'available' });
    const [call] = await waitFor(
      async () => {
        const rows = await db.query(
          `SELECT * FROM calls WHERE tenant_id = $1 AND kind = 'dialer' AND end_time IS NOT NULL`,
          [t.id],
        );
        return rows.length ? rows : undefined;
      },
      30_000,
      'the lead call to end',
    );
    const enrollment = await waitFor(
      async () => {
        const [e] = await db.query(
          `SELECT status, current_step, attempts, next_action_at FROM campaign_enrollments WHERE campaign_id = $1`,
          [campaignId],
        );
        return e.status !== 'in_progress' || e.next_action_at ? e : undefined;
      },
      10_000,
      'the retry policy',
    );
    const [l] = await db.query(`SELECT call_attempts, next_call_at FROM leads WHERE id = $1`, [
      lead.body.data.id,
    ]);
    return { call, enrollment, lead: l, agentId, campaignId };
  }

  it(`${who} answering, with retries asked for: another attempt no sooner than the policy's delay`, async () => {
    const t = await createTenant(api.http);
    const { call, enrollment, lead, agentId } = await run(t, {
      voicemail_message_url: 'https://example.com/voicemail.mp3',
      retry_policy: { max_attempts: 3, delay_minutes: 5, retry_on_voicemail: true, retry_on_no_answer: true },
    });
    if (mix === 'machine:1') {
      expect(call).toMatchObject({
        answered_by: 'machine_end_beep',
        disposition: 'voicemail',
        agent_id: null,
      });
      // The voicemail was dropped: the simulator played our TwiML to the machine.
      const simulated = await workers[0].app
        .get(SimulatorRuntime)
        .telephonyLedger.findCall(t.id, call.call_sid);
      expect(JSON.stringify(simulated)).toContain('https://example.com/voicemail.mp3');
    } else {
      expect(call).toMatchObject({ status: 'no-answer', disposition: 'no_answer', answer_time: null });
    }
    expect(enrollment).toMatchObject({ status: 'in_progress', current_step: 0, attempts: 1 });
    expect(enrollment.next_action_at.getTime() - call.end_time.getTime()).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(lead.call_attempts).toBe(1);
    expect(lead.next_call_at.getTime()).toBe(enrollment.next_action_at.getTime());
    const [agent] = await db.query(`SELECT status, current_calls FROM agents WHERE id = $1`, [agentId]);
    expect(agent).toEqual({ status: 'available', current_calls: 0 });
  }, 60_000);

  it(`${who} answering, without retries: the sequence moves on to its next step`, async () => {
    const t = await createTenant(api.http);
    const { call, enrollment, campaignId } = await run(t, {
      retry_policy: { max_attempts: 1 },
    });
    expect(call.disposition).toBe(mix === 'machine:1' ? 'voicemail' : 'no_answer');
    expect(enrollment.current_step).toBeGreaterThanOrEqual(1);
    expect(['waiting', 'queued', 'completed']).toContain(enrollment.status);
    // The campaign's lead list and export say how the call ended, beside the enrollment's place.
    const listed = await api.http.get(`/api/campaigns/${campaignId}/leads`).set(t.admin.headers);
    expect(listed.body.data).toEqual([expect.objectContaining({ last_call_disposition: call.disposition })]);
    const exported = await getBytes(api.http, `/api/campaigns/${campaignId}/export`, t.admin.headers);
    const [row] = parse((exported.body as Buffer).toString('utf8'), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(row.last_call_disposition).toBe(call.disposition);
  }, 60_000);
});
