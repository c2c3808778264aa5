import {
  createTenant,
  expectValidation,
  insertAgentRow,
  insertCallRow,
  TestTenant,
  useTestApi,
} from '@app/testing';

/**
 * GET /api/calls/stats/summary and /stats/by-disposition (seed 001): a lead's calls only, for a campaign, an agent
 * and a time range.
 */
describe('calls: statistics (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let campaignA: string;
  let campaignB: string;
  let agent: string;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    const campaign = async (name: string) =>
      (
        await api.db.query(`INSERT INTO campaigns (tenant_id, name) VALUES ($1, $2) RETURNING id`, [
          tenant.id,
          name,
        ])
      )[0].id as string;
    campaignA = await campaign('A');
    campaignB = await campaign('B');
    agent = await insertAgentRow(api.db, tenant.id, { name: 'Agent' });
    const day = (d: number) => `2024-01-0${d}T12:00:00Z`;
    const answered = { disposition: 'answered', answered_by: 'human', end_time: day(1) };
    // Campaign A, January 1st: 3 answered (human), 2 voicemail (machine), 1 no answer, 1 busy, 1 failed, 1 abandoned.
    for (const [duration, talk, cost] of [
      [100, 90, 0.02],
      [200, 190, 0.03],
      [300, 290, 0.05],
    ]) {
      await insertCallRow(api.db, tenant.id, {
        ...answered,
        campaign_id: campaignA,
        agent_id: agent,
        duration,
        talk_time: talk,
        cost,
        created_at: day(1),
      });
    }
    for (const by of ['machine_end_beep', 'machine_start']) {
      await insertCallRow(api.db, tenant.id, {
        campaign_id: campaignA,
        disposition: 'voicemail',
        answered_by: by,
        duration: 40,
        talk_time: 0,
        cost: 0.01,
        end_time: day(1),
        created_at: day(1),
      });
    }
    for (const disposition of ['no_answer', 'busy', 'failed']) {
      await insertCallRow(api.db, tenant.id, {
        campaign_id: campaignA,
        status: disposition === 'no_answer' ? 'no-answer' : disposition,
        disposition,
        duration: 0,
        end_time: day(1),
        created_at: day(1),
      });
    }
    await insertCallRow(api.db, tenant.id, {
      campaign_id: campaignA,
      disposition: 'abandoned',
      answered_by: 'human',
      duration: 20,
      end_time: day(1),
      created_at: day(1),
    });
    // An agent's leg of campaign A: never counted.
    await insertCallRow(api.db, tenant.id, {
      kind: 'agent_leg',
      campaign_id: campaignA,
      agent_id: agent,
      disposition: 'answered',
      duration: 999,
      cost: 9,
      end_time: day(1),
      created_at: day(1),
    });
    // Campaign B, January 3rd: one answered; plus a missed inbound call with no campaign.
    await insertCallRow(api.db, tenant.id, {
      ...answered,
      campaign_id: campaignB,
      duration: 60,
      created_at: day(3),
    });
    await insertCallRow(api.db, tenant.id, {
      kind: 'inbound',
      direction: 'inbound',
      status: 'no-answer',
      disposition: 'missed',
      end_time: day(3),
      created_at: day(3),
    });
  });

  async function summary(query = '') {
    const res = await api.http
      .get(`/api/calls/stats/summary${query ? `?${query}` : ''}`)
      .set(tenant.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data as Record<string, number>;
  }

  async function byDisposition(query = '') {
    const res = await api.http
      .get(`/api/calls/stats/by-disposition${query ? `?${query}` : ''}`)
      .set(tenant.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data as { disposition: string; count: number }[];
  }

  it("answers seed 001's statistics of a campaign, an agent's legs left out", async () => {
    expect(await summary(`campaign_id=${campaignA}`)).toEqual({
      total_calls: 9,
      answered_calls: 3,
      voicemail_calls: 2,
      no_answer_calls: 1,
      busy_calls: 1,
      failed_calls: 1,
      abandoned_calls: 1,
      missed_calls: 0,
      human_answered: 4,
      machine_answered: 2,
      // Over calls with a duration, as documented (and as dashboard/call-volume counts): (100 + 200 + 300 + 40 + 40 + 20) / 6
      avg_duration: 116.7,
      // Over calls that talked: (90 + 190 + 290) / 3
      avg_talk_time: 190,
      total_cost: 0.12,
      // 1 abandoned of 4 live answers (3 answered + 1 abandoned)
      abandon_rate: 0.25,
    });
  });

  it('counts every lead call of the tenant without filters, and narrows by agent and date range', async () => {
    expect(await summary()).toMatchObject({ total_calls: 11, answered_calls: 4, missed_calls: 1 });
    expect(await summary(`agent_id=${agent}`)).toMatchObject({
      total_calls: 3,
      answered_calls: 3,
      total_cost: 0.1,
    });
    expect(await summary('date_from=2024-01-02')).toMatchObject({
      total_calls: 2,
      answered_calls: 1,
      missed_calls: 1,
      avg_duration: 60,
      abandon_rate: 0,
    });
    expect(await summary(`campaign_id=${campaignA}&date_from=2024-01-02&date_to=2024-01-31`)).toEqual({
      total_calls: 0,
      answered_calls: 0,
      voicemail_calls: 0,
      no_answer_calls: 0,
      busy_calls: 0,
      failed_calls: 0,
      abandoned_calls: 0,
      missed_calls: 0,
      human_answered: 0,
      machine_answered: 0,
      avg_duration: 0,
      avg_talk_time: 0,
      total_cost: 0,
      abandon_rate: 0,
    });
  });

  it("takes the abandon rate over the dialer's calls: no agent ever waited for a broadcast's, inbound or logged call", async () => {
    const other = await createTenant(api.http);
    const call = (kind: 'dialer' | 'broadcast' | 'inbound' | 'manual', disposition: string) =>
      insertCallRow(api.db, other.id, {
        kind,
        direction: kind === 'inbound' ? 'inbound' : 'outbound',
        disposition,
        answered_by: 'human',
        duration: 30,
        end_time: '2024-01-01T12:00:00Z',
        created_at: '2024-01-01T12:00:00Z',
      });
    await call('dialer', 'abandoned');
    for (let i = 0; i < 3; i++) await call('dialer', 'answered');
    for (const kind of ['broadcast', 'inbound', 'manual'] as const) await call(kind, 'answered');
    const res = await api.http.get('/api/calls/stats/summary').set(other.admin.headers);
    expect(res.body.data).toMatchObject({ answered_calls: 6, abandoned_calls: 1, abandon_rate: 0.25 });
  });

  it('breaks calls down by disposition, most first (seed 001)', async () => {
    expect(await byDisposition(`campaign_id=${campaignA}`)).toEqual([
      { disposition: 'answered', count: 3 },
      { disposition: 'voicemail', count: 2 },
      { disposition: 'abandoned', count: 1 },
      { disposition: 'busy', count: 1 },
      { disposition: 'failed', count: 1 },
      { disposition: 'no_answer', count: 1 },
    ]);
    expect(await byDisposition('date_from=2024-01-03')).toEqual([
      { disposition: 'answered', count: 1 },
      { disposition: 'missed', count: 1 },
    ]);
    expect(await byDisposition(`campaignId=${campaignB}`)).toEqual([{ disposition: 'answered', count: 1 }]);
  });

  it('leaves out a preview offer the agent has not dialed: no call was made (a skip or its expiry deletes it)', async () => {
    const t = await createTenant(api.http);
    const rep = await insertAgentRow(api.db, t.id, { name: 'Previewer' });
    const [{ id: campaign }] = await api.db.query(
      `INSERT INTO campaigns (tenant_id, name, dialing_mode) VALUES ($1, 'Preview', 'preview') RETURNING id`,
      [t.id],
    );
    // The offer as the pacer writes it (a placeholder: queued, no SID), and one the agent dialed, now ringing.
    const offer = await insertCallRow(api.db, t.id, {
      campaign_id: campaign,
      agent_id: rep,
      status: 'queued',
      to_number: '+14155552671',
      metadata: { preview: true },
    });
    const dialed = await insertCallRow(api.db, t.id, {
      campaign_id: campaign,
      agent_id: rep,
      status: 'ringing',
      call_sid: `CA${'7'.repeat(32)}`,
      to_number: '+14155552672',
      start_time: new Date(),
      metadata: { preview: 'dialed' },
    });
    const get = (path: string) => api.http.get(path).set(t.admin.headers);
    for (const query of ['', `?agent_id=${rep}`, `?campaign_id=${campaign}`, '?status=ongoing']) {
      const list = await get(`/api/calls${query}`);
      expect(list.status).toBe(200);
      expect({ query, ids: list.body.data.map((c: { id: string }) => c.id), meta: list.body.meta }).toEqual({
        query,
        ids: [dialed],
        meta: { total: 1, limit: 50, offset: 0 },
      });
    }
    expect((await get(`/api/calls/stats/summary?campaign_id=${campaign}`)).body.data).toMatchObject({
      total_calls: 1,
    });
    expect((await get(`/api/agents/${rep}/stats`)).body.data.stats).toMatchObject({ total_calls: 1 });
    // Its agent has its id (preview:call): it is read by that id.
    expect((await get(`/api/calls/${offer}`)).body.data).toMatchObject({ id: offer, status: 'queued' });
  });

  it.each([
    ['summary', 'campaign_id=nope', ['campaign_id']],
    ['summary', 'date_from=2024-02-30', ['date_from']],
    ['summary', 'date_from=2024-02-02&date_to=2024-02-01', ['date_to']],
    ['summary', 'disposition=answered', ['disposition']],
    ['by-disposition', 'agent_id=7', ['agent_id']],
    ['by-disposition', 'date_to=soon', ['date_to']],
  ])('refuses a bad filter of %s (%s)', async (route, query, fields) => {
    expectValidation(
      await api.http.get(`/api/calls/stats/${route}?${query}`).set(tenant.admin.headers),
      fields,
    );
  });
});
