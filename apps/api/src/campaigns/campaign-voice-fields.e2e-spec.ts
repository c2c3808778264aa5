import { countRows, createTenant, expectValidation, insertCallRow, TestApi, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { campaignRequests } from './campaign-requests.fixture';

/**
 * A campaign's dialer settings (issue 6): ring time, preview offer time, power lines, wrap-up, abandon lockout, safe
 * harbour, AMD actions, the abandon-rate cap and the agent group; and a CALL step's call_mode and audio_url.
 */

type Json = Record<string, unknown>;

const VOICE = {
  dialing_mode: 'predictive',
  max_abandon_rate: 0.02,
  ring_timeout_seconds: 30,
  preview_timeout_seconds: 45,
  lines_per_agent: 2.5,
  wrap_up_seconds: 45,
  abandon_lockout_minutes: 1440,
  safe_harbour_message: 'Sorry we missed you. This was Acme; we will call again.',
  amd_actions: { machine_start: 'hangup', fax: 'hangup', unknown: 'agent' },
};

const DEFAULTS = {
  dialing_mode: 'preview',
  max_abandon_rate: 0.03,
  ring_timeout_seconds: 25,
  preview_timeout_seconds: 30,
  lines_per_agent: 1,
  wrap_up_seconds: 30,
  abandon_lockout_minutes: 4320,
  safe_harbour_message: null,
  amd_actions: {},
  agent_group_id: null,
};

describe('campaigns: voice settings (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;

  campaignRequests((s) => ({ api, db, tenant } = s));

  const post = (body: Json, t = tenant) => api.http.post('/api/campaigns').set(t.admin.headers).send(body);
  const patch = (id: string, body: Json) =>
    api.http.patch(`/api/campaigns/${id}`).set(tenant.admin.headers).send(body);

  async function group(t: TestTenant): Promise<string> {
    const [{ id }] = await db.query(
      `INSERT INTO agent_groups (tenant_id, name) VALUES ($1, $2) RETURNING id`,
      [t.id, `Group ${randomUUID()}`],
    );
    return id;
  }

  async function created(body: Json): Promise<Json> {
    const res = await post({ name: 'Calls', ...body });
    expect({ status: res.status, body: res.status === 201 ? 'ok' : res.body }).toEqual({
      status: 201,
      body: 'ok',
    });
    return res.body.data as Json;
  }

  const stored = (id: string) => db.query('SELECT * FROM campaigns WHERE id = $1', [id]);

  it('answers the defaults, stores what is sent and reads it back; PATCH and PUT change the fields sent', async () => {
    expect(await created({})).toMatchObject(DEFAULTS);
    const groupId = await group(tenant);
    const data = await created({ ...VOICE, agent_group_id: groupId });
    expect(data).toMatchObject({ ...VOICE, agent_group_id: groupId });
    const id = data.id as string;
    const got = await api.http.get(`/api/campaigns/${id}`).set(tenant.admin.headers);
    expect(got.body.data).toMatchObject({ ...VOICE, agent_group_id: groupId });

    const changed = await patch(id, {
      ring_timeout_seconds: 15,
      preview_timeout_seconds: 600,
      amd_actions: { fax: 'voicemail' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({
      ...VOICE,
      ring_timeout_seconds: 15,
      preview_timeout_seconds: 600,
      // The object is replaced whole.
      amd_actions: { fax: 'voicemail' },
      agent_group_id: groupId,
    });
    const put = await api.http
      .put(`/api/campaigns/${id}`)
      .set(tenant.admin.headers)
      .send({ lines_per_agent: 5, wrap_up_seconds: 0, safe_harbour_message: '  ', agent_group_id: null });
    expect(put.body.data).toMatchObject({
      lines_per_agent: 5,
      wrap_up_seconds: 0,
      safe_harbour_message: null,
      agent_group_id: null,
      abandon_lockout_minutes: 1440,
    });
  });

  const BAD: [string, Json, string[]][] = [
    ['a ring time under 15 s', { ring_timeout_seconds: 14 }, ['ring_timeout_seconds']],
    ['a ring time over 120 s', { ring_timeout_seconds: 121 }, ['ring_timeout_seconds']],
    ['a ring time that is no whole number', { ring_timeout_seconds: 20.5 }, ['ring_timeout_seconds']],
    ['a preview offer time under 10 s', { preview_timeout_seconds: 9 }, ['preview_timeout_seconds']],
    ['a preview offer time over 600 s', { preview_timeout_seconds: 601 }, ['preview_timeout_seconds']],
    [
      'a preview offer time that is no whole number',
      { preview_timeout_seconds: 12.5 },
      ['preview_timeout_seconds'],
    ],
    ['a preview offer time of null', { preview_timeout_seconds: null }, ['preview_timeout_seconds']],
    ['lines per agent under 0.5', { lines_per_agent: 0.4 }, ['lines_per_agent']],
    ['lines per agent over 5', { lines_per_agent: 5.1 }, ['lines_per_agent']],
    ['lines per agent with 3 decimals', { lines_per_agent: 1.125 }, ['lines_per_agent']],
    ['a negative wrap-up', { wrap_up_seconds: -1 }, ['wrap_up_seconds']],
    ['a wrap-up over 600 s', { wrap_up_seconds: 601 }, ['wrap_up_seconds']],
    ['a negative lockout', { abandon_lockout_minutes: -1 }, ['abandon_lockout_minutes']],
    ['a lockout over 30 days', { abandon_lockout_minutes: 43_201 }, ['abandon_lockout_minutes']],
    ['an abandon-rate cap over 10%', { max_abandon_rate: 0.11 }, ['max_abandon_rate']],
    // The dialer keeps at least 2 minutes between two attempts on a lead: a shorter delay would be stored and ignored.
    ['a retry sooner than 2 minutes', { retry_policy: { delay_minutes: 1 } }, ['retry_policy.delay_minutes']],
    ['an unknown dialing mode', { dialing_mode: 'manual' }, ['dialing_mode']],
    ['an unknown AMD action', { amd_actions: { machine_start: 'sing' } }, ['amd_actions.machine_start']],
    ['an AMD answer that takes no action', { amd_actions: { human: 'agent' } }, ['amd_actions.human']],
    ['AMD actions that are no object', { amd_actions: 'hangup' }, ['amd_actions']],
    [
      'a safe-harbour message over 1000 characters',
      { safe_harbour_message: 'x'.repeat(1001) },
      ['safe_harbour_message'],
    ],
    ['a ring time of null', { ring_timeout_seconds: null }, ['ring_timeout_seconds']],
    ['an agent group that does not exist', { agent_group_id: randomUUID() }, ['agent_group_id']],
    ['an agent group id that is no UUID', { agent_group_id: 'sales' }, ['agent_group_id']],
    // The provider places no call from them: every lead's call would fail.
    ['a caller id that is no phone number', { caller_id: 'Acme sales' }, ['caller_id']],
    ['a caller id of too few digits', { caller_id: '+1 555' }, ['caller_id']],
  ];

  it.each(BAD)('refuses %s on create (400) and stores nothing', async (_what, body, fields) => {
    const t = await createTenant(api.http);
    expectValidation(await post({ name: 'x', ...body }, t), fields);
    expect(await countRows(db, 'campaigns', 'tenant_id = $1', [t.id])).toBe(0);
  });

  it.each(BAD)('refuses %s on PATCH (400) and changes nothing', async (_what, body, fields) => {
    const id = (await created(VOICE)).id as string;
    const before = await stored(id);
    const res = await patch(id, { name: 'renamed', ...body });
    expectValidation(res, fields);
    expect(await stored(id)).toEqual(before);
  });

  it("stores the caller id in E.164, a national number read in the tenant's country, as outbound-calls does", async () => {
    const t = await createTenant(api.http);
    const country = await api.http.patch('/api/tenant').set(t.admin.headers).send({ default_country: 'US' });
    expect(country.status).toBe(200);
    const res = await post({ name: 'Calls', caller_id: '(415) 555-1234' }, t);
    expect(res.status).toBe(201);
    expect(res.body.data.caller_id).toBe('+14155551234');
    const id = res.body.data.id as string;
    const changed = await api.http
      .patch(`/api/campaigns/${id}`)
      .set(t.admin.headers)
      .send({ caller_id: '+44 20 7946 0958' });
    expect(changed.body.data.caller_id).toBe('+442079460958');
    const cleared = await api.http.patch(`/api/campaigns/${id}`).set(t.admin.headers).send({ caller_id: '' });
    expect(cleared.body.data.caller_id).toBeNull();
  });

  it("refuses another tenant's agent group as unknown", async () => {
    const other = await createTenant(api.http);
    const theirs = await group(other);
    const res = await post({ name: 'x', agent_group_id: theirs });
    expectValidation(res, ['agent_group_id']);
    expect(res.body.error.details).toEqual([
      { field: 'agent_group_id', reason: 'is not an agent group of this tenant' },
    ]);
  });

  it("counts seed 001's calls_made and calls_completed: the campaign's calls to leads the provider took, and those that connected", async () => {
    const t = await createTenant(api.http);
    const created = async (name: string) =>
      (await post({ name, steps: [{ type: 'CALL', content: 'Script' }] }, t)).body.data.id as string;
    const calling = await created('Calling');
    const quiet = await created('Quiet');
    const sid = () => `CA${randomUUID().replace(/-/g, '')}`;
    const call = (fields: Parameters<typeof insertCallRow>[2]) =>
      insertCallRow(db, t.id, { campaign_id: calling, call_sid: sid(), ...fields });
    await call({ status: 'completed' });
    await call({ status: 'completed', kind: 'broadcast' });
    await call({ status: 'no-answer' });
    await call({ status: 'busy' });
    // Not placed: the provider never took it.
    await call({ status: 'failed', call_sid: null });
    // An agent's leg of a bridged call is no call to a lead.
    await call({ status: 'completed', kind: 'agent_leg' });

    const one = await api.http.get(`/api/campaigns/${calling}`).set(t.admin.headers);
    expect(one.body.data).toMatchObject({ calls_made: 4, calls_completed: 2 });
    const list = await api.http.get('/api/campaigns').set(t.admin.headers);
    expect(
      Object.fromEntries((list.body.data as Json[]).map((c) => [c.name, [c.calls_made, c.calls_completed]])),
    ).toEqual({ Calling: [4, 2], Quiet: [0, 0] });
    const other = await api.http.get(`/api/campaigns/${quiet}`).set(t.admin.headers);
    expect(other.body.data).toMatchObject({ calls_made: 0, calls_completed: 0 });
  });

  describe('CALL steps', () => {
    const call = (options: Json, content: string | null = null) => ({
      name: 'x',
      steps: [{ type: 'CALL', content, options }],
    });

    it('stores a play_message step speaking its content or playing its audio_url, and a connect_agent script', async () => {
      const spoken = await created(call({ call_mode: 'play_message' }, 'Your appointment is tomorrow.'));
      expect(spoken.steps).toEqual([
        expect.objectContaining({
          type: 'CALL',
          content: 'Your appointment is tomorrow.',
          options: { call_mode: 'play_message' },
        }),
      ]);
      const played = await created(
        call({ call_mode: 'play_message', audio_url: 'https://example.com/a.mp3' }),
      );
      expect(played.steps).toEqual([
        expect.objectContaining({
          content: null,
          options: { call_mode: 'play_message', audio_url: 'https://example.com/a.mp3' },
        }),
      ]);
      const script = await created(call({ call_mode: 'connect_agent' }, 'Hi {{first_name}}'));
      expect(script.steps).toEqual([expect.objectContaining({ options: { call_mode: 'connect_agent' } })]);
    });

    it.each([
      ['an unknown call mode', call({ call_mode: 'fax' }, 'x'), ['steps.0.options.call_mode']],
      ['a play_message step with nothing to play', call({ call_mode: 'play_message' }), ['steps.0.content']],
      ['a connect_agent step without a script', call({}), ['steps.0.content']],
      [
        'an audio_url that is no http URL',
        call({ call_mode: 'play_message', audio_url: 'ftp://example.com/a.mp3' }),
        ['steps.0.options.audio_url'],
      ],
      [
        'an audio_url that is no text',
        call({ call_mode: 'play_message', audio_url: 42 }, 'x'),
        ['steps.0.options.audio_url'],
      ],
      [
        'an audio_url on a connect_agent step',
        call({ call_mode: 'connect_agent', audio_url: 'https://example.com/a.mp3' }, 'Script'),
        ['steps.0.options.audio_url'],
      ],
      [
        'an audio_url on an SMS step',
        {
          name: 'x',
          steps: [{ type: 'SMS', content: 'Hi', options: { audio_url: 'https://example.com/a.mp3' } }],
        },
        ['steps.0.options.audio_url'],
      ],
    ])('refuses %s (400) and stores nothing', async (_what, body, fields) => {
      const t = await createTenant(api.http);
      expectValidation(await post(body, t), fields);
      expect(await countRows(db, 'campaigns', 'tenant_id = $1', [t.id])).toBe(0);
    });
  });
});
