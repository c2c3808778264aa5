import {
  createTenant,
  createUser,
  expectError,
  expectValidation,
  insertAgentRow,
  insertCallRow,
  TestTenant,
  TestUser,
  useTestApi,
} from '@app/testing';

/**
 * A call's `outcome`: the agent's wrap-up (how the conversation went), set on any call through PUT /api/calls/:id
 * (an agent on their own calls), filtered on by GET /api/calls, written to the lead's activity; `do_not_call` lists
 * the call's number on do-not-contact for voice.
 */
describe('calls: the agent wrap-up outcome (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let agentUser: TestUser;
  let ownAgent: string;
  let otherAgent: string;
  let n = 0;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    agentUser = await createUser(api.http, tenant, 'agent');
    ownAgent = await insertAgentRow(api.db, tenant.id, { name: 'Me', user_id: agentUser.id });
    otherAgent = await insertAgentRow(api.db, tenant.id, { name: 'Them' });
  });

  /** A lead, and an answered dialer call to it taken by `agent`. */
  async function answeredCall(agent = ownAgent): Promise<{ lead: string; call: string; phone: string }> {
    const phone = `+1415555${String(7000 + n++).padStart(4, '0')}`;
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Lee', phone })
      .expect(201);
    const call = await insertCallRow(api.db, tenant.id, {
      lead_id: lead.body.data.id,
      agent_id: agent,
      to_number: phone,
      disposition: 'answered',
      end_time: new Date().toISOString(),
    });
    return { lead: lead.body.data.id as string, call, phone };
  }

  const put = (id: string, body: Record<string, unknown>, headers = agentUser.headers) =>
    api.http.put(`/api/calls/${id}`).set(headers).send(body);
  const outcomeOf = async (id: string) =>
    ((await api.db.query(`SELECT outcome FROM calls WHERE id = $1`, [id])) as { outcome: string | null }[])[0]
      .outcome;
  const activity = (lead: string) =>
    api.db.query(
      `SELECT description, data FROM activity_log
        WHERE tenant_id = $1 AND type = 'call.outcome' AND data->>'lead_id' = $2 ORDER BY created_at, id`,
      [tenant.id, lead],
    ) as Promise<{ description: string; data: Record<string, unknown> }[]>;
  const dncEntries = (phone: string) =>
    api.db.query(`SELECT channel, reason FROM dnc_entries WHERE tenant_id = $1 AND phone_normalized = $2`, [
      tenant.id,
      phone,
    ]) as Promise<{ channel: string; reason: string }[]>;

  it('an agent wraps up their own call; it shows on the call, filters the list and lands in the activity', async () => {
    const { lead, call } = await answeredCall();
    const { call: other } = await answeredCall();
    const res = await put(call, { outcome: 'Interested', notes: 'Wants a demo' }).expect(200);
    expect(res.body.data).toMatchObject({ id: call, outcome: 'interested', notes: 'Wants a demo' });
    expect(
      (await api.http.get(`/api/calls/${call}`).set(agentUser.headers).expect(200)).body.data.outcome,
    ).toBe('interested');
    for (const query of ['outcome=interested', 'outcome=INTERESTED']) {
      const list = await api.http.get(`/api/calls?${query}`).set(tenant.admin.headers).expect(200);
      expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([call]);
    }
    expect(await outcomeOf(other)).toBeNull();
    expect(await activity(lead)).toEqual([
      {
        description: 'Call outcome: interested',
        data: { call_id: call, lead_id: lead, outcome: 'interested' },
      },
    ]);

    // The same outcome again changes nothing and writes nothing; another one, and clearing it, each write one.
    await put(call, { outcome: 'interested' }).expect(200);
    await put(call, { outcome: 'meeting_booked' }).expect(200);
    const cleared = await put(call, { outcome: null }).expect(200);
    expect(cleared.body.data.outcome).toBeNull();
    // The test clock stands still: the entries share a time, so they are compared as a set.
    expect((await activity(lead)).map((a) => a.description).sort()).toEqual([
      'Call outcome cleared',
      'Call outcome: interested',
      'Call outcome: meeting booked',
    ]);
  });

  it('do_not_call lists the number on do-not-contact for voice, once', async () => {
    const { lead, call, phone } = await answeredCall();
    await put(call, { outcome: 'do_not_call' }).expect(200);
    expect(await dncEntries(phone)).toEqual([{ channel: 'voice', reason: 'manual' }]);
    const after = await api.http.get(`/api/leads/${lead}`).set(tenant.admin.headers).expect(200);
    expect(after.body.data.opted_out_channels).toEqual(['voice']);
    await put(call, { outcome: 'do_not_call' }).expect(200);
    expect(await dncEntries(phone)).toHaveLength(1);
    expect(await activity(lead)).toHaveLength(1);
  });

  it('a manual log may carry its outcome from the start', async () => {
    const res = await api.http
      .post('/api/calls')
      .set(agentUser.headers)
      .send({ phone: '+14155557999', outcome: 'do_not_call', notes: 'Asked never to be called' })
      .expect(201);
    expect(res.body.data).toMatchObject({ kind: 'manual', outcome: 'do_not_call', agent_id: ownAgent });
    expect(await dncEntries('+14155557999')).toEqual([{ channel: 'voice', reason: 'manual' }]);
  });

  it('refuses an unknown outcome, in the body and in the filter, changing nothing', async () => {
    const { lead, call } = await answeredCall();
    expectValidation(await put(call, { outcome: 'sold', notes: 'Not saved' }), ['outcome']);
    expectValidation(await api.http.get('/api/calls?outcome=sold').set(tenant.admin.headers), ['outcome']);
    expectValidation(
      await api.http
        .post('/api/calls')
        .set(agentUser.headers)
        .send({ phone: '+14155557998', outcome: 'sold' }),
      ['outcome'],
    );
    const row = (await api.db.query(`SELECT outcome, notes FROM calls WHERE id = $1`, [call]))[0];
    expect(row).toEqual({ outcome: null, notes: null });
    expect(await activity(lead)).toEqual([]);
    expect(await dncEntries('+14155557998')).toEqual([]);
  });

  it('refuses do_not_call on a call with no number, changing nothing', async () => {
    const call = await insertCallRow(api.db, tenant.id, {
      kind: 'manual',
      agent_id: ownAgent,
      disposition: 'answered',
      end_time: new Date().toISOString(),
    });
    expectValidation(await put(call, { outcome: 'do_not_call', notes: 'Not saved' }), ['outcome']);
    const row = (await api.db.query(`SELECT outcome, notes FROM calls WHERE id = $1`, [call]))[0];
    expect(row).toEqual({ outcome: null, notes: null });
  });

  it("an agent cannot wrap up another agent's call, nor another tenant anything: 404, nothing changed", async () => {
    const { lead, call } = await answeredCall(otherAgent);
    expectError(await put(call, { outcome: 'do_not_call' }), 404, 'NOT_FOUND');
    const stranger = await createTenant(api.http);
    expectError(await put(call, { outcome: 'converted' }, stranger.admin.headers), 404, 'NOT_FOUND');
    const list = await api.http.get('/api/calls?outcome=converted').set(stranger.admin.headers).expect(200);
    expect(list.body.data).toEqual([]);
    expect(await outcomeOf(call)).toBeNull();
    expect(await activity(lead)).toEqual([]);
    // A manager wraps up any call of the tenant.
    const manager = await createUser(api.http, tenant, 'manager');
    await put(call, { outcome: 'converted' }, manager.headers).expect(200);
    expect(await outcomeOf(call)).toBe('converted');
  });
});
