import { TwilioVoiceAdapter } from '@app/providers';
import {
  createTenant,
  insertAgentRow,
  insertBroadcastRows,
  insertCallRow,
  TestTenant,
  useTestApi,
} from '@app/testing';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { AgentLines } from './agent-lines';
import { DialerPacerService } from './dialer-pacer.service';

const SID = 'AC0123456789abcdef0123456789abcdef';

/**
 * The number calls go out from: the campaign's caller_id, else the voice account's (its settings' `from`, else the
 * Twilio number it was saved with; the simulator's own). Never the lead's (or the agent's) own number: a campaign
 * that calls with none is refused at launch, and a call reserved without one is failed, not placed.
 */
describe('caller id (integration)', () => {
  const api = useTestApi();
  afterEach(() => jest.restoreAllMocks());

  const putVoice = (t: TestTenant, body: object) =>
    api.http.put('/api/config/channels/voice').set(t.admin.headers).send(body);
  const twilioVoice = (t: TestTenant, credentials: object) =>
    putVoice(t, { provider: 'twilio', credentials: { account_sid: SID, auth_token: 'tok', ...credentials } });
  const from = async (t: TestTenant) => (await api.app.get(VoiceChannelsService).resolve(t.id)).from;

  it("is the voice settings' from, else the Twilio account's number, else the simulator's own", async () => {
    const t = await createTenant(api.http);
    expect(await from(t)).toBe('+15005550006');
    expect((await twilioVoice(t, { from: '+14155550100' })).status).toBe(200);
    expect(await from(t)).toBe('+14155550100');
    const withSettings = await putVoice(t, {
      provider: 'twilio',
      credentials: { account_sid: SID, auth_token: 'tok', from: '+14155550100' },
      settings: { from: '+14155550199' },
    });
    expect(withSettings.status).toBe(200);
    expect(await from(t)).toBe('+14155550199');
    const serviceOnly = await putVoice(t, {
      provider: 'twilio',
      credentials: { account_sid: SID, auth_token: 'tok', messaging_service_sid: `MG${'0'.repeat(32)}` },
      settings: {},
    });
    expect(serviceOnly.status).toBe(200);
    expect(await from(t)).toBeNull();
  });

  it('a campaign that calls is refused at launch (409) with no caller id anywhere, and stays a draft', async () => {
    const t = await createTenant(api.http);
    expect((await twilioVoice(t, { messaging_service_sid: `MG${'1'.repeat(32)}` })).status).toBe(200);
    const create = (body: object) =>
      api.http
        .post('/api/campaigns')
        .set(t.admin.headers)
        .send({
          name: 'Calls',
          dialing_mode: 'power',
          steps: [{ type: 'CALL', content: 'Script' }],
          ...body,
        });
    const none = await create({});
    expect(none.status).toBe(201);
    const res = await api.http.post(`/api/campaigns/${none.body.data.id}/start`).set(t.admin.headers);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'CONFLICT',
      details: { field: 'caller_id', reason: 'no_caller_id' },
    });
    const [row] = await api.db.query(`SELECT status, started_at FROM campaigns WHERE id = $1`, [
      none.body.data.id,
    ]);
    expect(row).toEqual({ status: 'draft', started_at: null });

    const own = await create({ caller_id: '+14155559999' });
    expect(
      (await api.http.post(`/api/campaigns/${own.body.data.id}/start`).set(t.admin.headers)).status,
    ).toBe(200);
  });

  it('a call reserved with no caller id is failed, never placed from the lead own number', async () => {
    const t = await createTenant(api.http);
    expect((await twilioVoice(t, { messaging_service_sid: `MG${'2'.repeat(32)}` })).status).toBe(200);
    const placeCall = jest.spyOn(TwilioVoiceAdapter.prototype, 'placeCall');
    const id = await insertBroadcastRows(api.db, t.id, '+12125550177');
    await api.app.get(DialerPacerService).pace({ tenant_id: t.id, campaign_id: id });
    expect(placeCall).not.toHaveBeenCalled();
    const calls = await api.db.query(
      `SELECT status, from_number, metadata->>'failure' AS failure FROM calls WHERE tenant_id = $1 AND campaign_id = $2`,
      [t.id, id],
    );
    expect(calls).toEqual([{ status: 'failed', from_number: null, failure: 'no_caller_id' }]);
  });

  it.each([
    ['a phone', '+14155550123', '+14155550100'],
    ['a SIP endpoint', 'sip:+14155550123@acme.sip.us1.twilio.com', '+14155550100'],
  ])(
    "an inbound caller's agent is rung from the number the caller dialled, not from %s's own",
    async (_, caller, dialled) => {
      const t = await createTenant(api.http);
      expect((await twilioVoice(t, { messaging_service_sid: `MG${'3'.repeat(32)}` })).status).toBe(200);
      const placeCall = jest
        .spyOn(TwilioVoiceAdapter.prototype, 'placeCall')
        .mockResolvedValue({ call_sid: `CA${'4'.repeat(32)}`, status: 'queued' } as never);
      const agentId = await insertAgentRow(api.db, t.id, { name: 'Ann' });
      await api.db.query(`UPDATE agents SET phone = '+14155550177' WHERE id = $1`, [agentId]);
      const callId = await insertCallRow(api.db, t.id, {
        kind: 'inbound',
        direction: 'inbound',
        status: 'in-progress',
        from_number: caller,
        to_number: dialled,
        call_sid: `CA${'5'.repeat(32)}`,
      });
      const [call] = await api.db.query('SELECT * FROM calls WHERE id = $1', [callId]);
      const [agent] = await api.db.query('SELECT * FROM agents WHERE id = $1', [agentId]);
      await api.app.get(AgentLines).putThrough(call, agent, api.clock.now());
      expect(placeCall).toHaveBeenCalledWith(expect.objectContaining({ to: '+14155550177', from: dialled }));
      const [leg] = await api.db.query(`SELECT from_number FROM calls WHERE parent_call_id = $1`, [callId]);
      expect(leg).toEqual({ from_number: dialled });
    },
  );
});
