import { JobProducer, QueueName } from '@app/queues';
import { createAgentGroup, createTenant, TestTenant, useTestApi } from '@app/testing';

type Json = Record<string, unknown>;

/** Seed 001's "Create Campaign" request body, as the seed shows it (its agent_group_id is a real group's). */
const seedBody = (agentGroupId: string): Json => ({
  name: 'Q1 2024 Outreach',
  caller_id: '+14155551234',
  schedule_start: '2024-01-01T09:00:00Z',
  schedule_end: '2024-03-31T17:00:00Z',
  timezone: 'America/Los_Angeles',
  calling_hours_start: '09:00:00',
  calling_hours_end: '17:00:00',
  agent_group_id: agentGroupId,
  retry_policy: {
    max_attempts: 3,
    delay_minutes: 60,
    retry_on_no_answer: true,
    retry_on_busy: true,
    retry_on_voicemail: false,
  },
  amd_enabled: true,
  voicemail_message_url: 'https://example.com/voicemail.mp3',
  record_calls: true,
});

/** Seed 001's one step: call the lead, connect the answered call to an agent. */
const DIAL = {
  position: 0,
  type: 'CALL',
  content: 'Connect the answered call to an agent',
  options: { call_mode: 'connect_agent' },
};

/**
 * Seed 001 sends no steps: every campaign there dials its leads and connects answered calls to agents. A campaign
 * with its dialing fields and no steps (nor seed 002's template) is stored with that one CALL step, so it starts.
 */
describe("campaigns: seed 001's dialing campaign (e2e)", () => {
  const api = useTestApi();

  const post = (t: TestTenant, body: Json) => api.http.post('/api/campaigns').set(t.admin.headers).send(body);
  const start = (t: TestTenant, id: string) =>
    api.http.post(`/api/campaigns/${id}/start`).set(t.admin.headers);
  const steps = (id: string) =>
    api.db.query(
      `SELECT position, type, content, options FROM campaign_steps WHERE campaign_id = $1 ORDER BY position`,
      [id],
    );

  async function fanouts(campaignId: string): Promise<Json[]> {
    const queue = api.app.get(JobProducer).queue(QueueName.CampaignSteps);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'paused']);
    return jobs
      .filter((j) => j.name === 'campaigns.fanout' && (j.data as Json).campaign_id === campaignId)
      .map((j) => j.data as Json);
  }

  it("creates seed 001's example campaign with one CALL step to an agent; it starts, active, and takes its leads", async () => {
    const t = await createTenant(api.http);
    const created = await post(t, seedBody(await createAgentGroup(api.http, t)));
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect(created.body.data.steps).toEqual([expect.objectContaining(DIAL)]);
    expect(await steps(id)).toEqual([DIAL]);

    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Sara', last_name: 'Ahmed', phone: '+14155552671' });
    expect(lead.status).toBe(201);
    const enrolled = await api.http
      .post(`/api/campaigns/${id}/leads`)
      .set(t.admin.headers)
      .send({ lead_ids: [lead.body.data.id] });
    expect(enrolled.body.data).toMatchObject({ enrolled: 1 });

    // The seed's Q1 2024 schedule has ended, and a start refuses an ended schedule (409 schedule_ended): the
    // quarter runs from now on.
    expect((await start(t, id)).body.error).toMatchObject({ details: { reason: 'schedule_ended' } });
    const quarter = await api.http
      .patch(`/api/campaigns/${id}`)
      .set(t.admin.headers)
      .send({
        schedule_start: new Date(api.clock.nowMs() - 60_000).toISOString(),
        schedule_end: new Date(api.clock.nowMs() + 90 * 86_400_000).toISOString(),
      });
    expect(quarter.status).toBe(200);
    const res = await start(t, id);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: expect.objectContaining({
        success: true,
        data: expect.objectContaining({
          queued: 1,
          campaign: expect.objectContaining({ id, status: 'active', steps: [expect.objectContaining(DIAL)] }),
        }),
      }),
    });
    // The engine takes the campaign's due leads: its CALL step hands them to the dialer.
    expect(await fanouts(id)).toHaveLength(1);
  });

  it('any one dialing field is enough; the window, the schedule and the retry policy alone are not', async () => {
    const t = await createTenant(api.http);
    for (const field of [{ caller_id: '+14155551234' }, { dialing_mode: 'POWER' }, { amd_enabled: false }]) {
      const res = await post(t, { name: 'Dials', ...field });
      expect(res.status).toBe(201);
      expect(await steps(res.body.data.id)).toEqual([DIAL]);
    }
    const quiet = await post(t, {
      name: 'Quiet',
      timezone: 'America/Los_Angeles',
      calling_hours_start: '09:00',
      calling_hours_end: '17:00',
      retry_policy: { max_attempts: 2 },
      caller_id: null,
    });
    expect(quiet.status).toBe(201);
    expect(await steps(quiet.body.data.id)).toEqual([]);
  });

  it('steps or a template sent are stored as sent, even with dialing fields', async () => {
    const t = await createTenant(api.http);
    const sms = await post(t, { name: 'Texts', caller_id: '+14155551234', template: 'Hi', channel: 'sms' });
    expect(await steps(sms.body.data.id)).toEqual([{ position: 0, type: 'SMS', content: 'Hi', options: {} }]);
    const none = await post(t, { name: 'Empty', caller_id: '+14155551234', steps: [] });
    expect(await steps(none.body.data.id)).toEqual([]);
  });

  it('PATCH and PUT: a draft they leave without steps but with dialing fields gets the CALL step; one with steps keeps them', async () => {
    const t = await createTenant(api.http);
    const change = (method: 'patch' | 'put', id: string, body: Json) =>
      api.http[method](`/api/campaigns/${id}`).set(t.admin.headers).send(body);

    const bare = (await post(t, { name: 'Bare' })).body.data.id as string;
    expect((await change('patch', bare, { name: 'Still bare' })).status).toBe(200);
    expect(await steps(bare)).toEqual([]);
    const patched = await change('patch', bare, { record_calls: true });
    expect(patched.body.data).toMatchObject({ steps: [expect.objectContaining(DIAL)] });
    expect((await start(t, bare)).body.data.campaign).toMatchObject({ status: 'active' });

    // Stored before this rule: a caller id and no steps. A PUT of its name gives it the step.
    const old = (await post(t, { name: 'Old', steps: [] })).body.data.id as string;
    await api.db.query(`UPDATE campaigns SET caller_id = '+14155551234' WHERE id = $1`, [old]);
    expect((await change('put', old, { name: 'Old, renamed' })).status).toBe(200);
    expect(await steps(old)).toEqual([DIAL]);

    const texts = (await post(t, { name: 'Texts', steps: [{ type: 'SMS', content: 'Hi' }] })).body.data
      .id as string;
    expect((await change('patch', texts, { caller_id: '+14155551234' })).status).toBe(200);
    expect(await steps(texts)).toEqual([{ position: 0, type: 'SMS', content: 'Hi', options: {} }]);

    // Only a draft's steps change: a cancelled campaign without any takes its new caller id and stays without.
    const cancelled = (await post(t, { name: 'Cancelled' })).body.data.id as string;
    expect((await api.http.post(`/api/campaigns/${cancelled}/cancel`).set(t.admin.headers)).status).toBe(200);
    expect((await change('patch', cancelled, { caller_id: '+14155551234' })).status).toBe(200);
    expect(await steps(cancelled)).toEqual([]);
  });
});
