import { VoiceChannelsService } from '@app/domain';
import { signTwilioRequest } from '@app/providers';
import { appliedEvent, createTenant, TestTenant, useTestApiAndWorker } from '@app/testing';
import { randomBytes } from 'node:crypto';

type Form = Record<string, string>;

const ACCOUNT = `AC${'0'.repeat(32)}`;
const CALLER = '+14155552690';
const TENANT_NUMBER = '+14155550000';

/**
 * An inbound call is answered by our TwiML (it holds the caller in a conference: Twilio's `in-progress`), so it
 * starts and is answered when the voice-inbound webhook comes, on the platform clock. With real Twilio a number's
 * status callback often comes only at the end: the call read `ringing` with no start or answer time until then
 * (seed 003's call timestamp and the agent stats' windows read start_time). A status callback moves it forward
 * only and keeps those times.
 */
describe('inbound call times (e2e)', () => {
  // One platform clock: the worker applies each callback at the time the API took it.
  const { api } = useTestApiAndWorker({ env: { WORKER_QUEUES: 'dialer' } });
  let tenant: TestTenant;
  let voice: { webhookKey: string; signingSecret: string };

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    voice = await api.app.get(VoiceChannelsService).resolve(tenant.id);
  });

  const signed = (route: string, form: Form) => {
    const path = `/webhooks/twilio/${route}?key=${voice.webhookKey}`;
    const signature = signTwilioRequest(voice.signingSecret, `${api.config.publicBaseUrl}${path}`, form);
    return api.http.post(path).type('form').set('X-Twilio-Signature', signature).send(form);
  };
  const callForm = (callSid: string, status: string, extra: Form = {}): Form => ({
    CallSid: callSid,
    AccountSid: ACCOUNT,
    From: CALLER,
    To: TENANT_NUMBER,
    Caller: CALLER,
    Called: TENANT_NUMBER,
    Direction: 'inbound',
    CallStatus: status,
    ApiVersion: '2010-04-01',
    ...extra,
  });
  const callRow = async (callSid: string) =>
    (
      await api.db.query(
        `SELECT status, start_time, answer_time, end_time, duration, disposition FROM calls
          WHERE tenant_id = $1 AND call_sid = $2`,
        [tenant.id, callSid],
      )
    )[0] as Record<string, unknown>;
  /** The number's status callback (no callId: matched by CallSid), applied by the worker. */
  const statusCallback = async (callSid: string, status: string, extra: Form = {}) => {
    expect((await signed('status', callForm(callSid, status, extra))).status).toBe(200);
    await appliedEvent(api.db, tenant.id, `call:${callSid}:status:${status}`);
  };

  it('starts and is answered when our TwiML takes the call; later status callbacks keep those times', async () => {
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const at = api.clock.now();
    const res = await signed('voice-inbound', callForm(callSid, 'ringing'));
    expect(res.status).toBe(200);
    expect(res.text).toContain('<Conference');
    expect(await callRow(callSid)).toMatchObject({
      status: 'in-progress',
      start_time: at,
      answer_time: at,
      end_time: null,
    });

    // Callbacks that come later (or late) move it nowhere back and change neither time.
    api.clock.advance(30_000);
    await statusCallback(callSid, 'ringing');
    await statusCallback(callSid, 'in-progress');
    expect(await callRow(callSid)).toMatchObject({ status: 'in-progress', start_time: at, answer_time: at });

    const end = api.clock.advance(45_000);
    await statusCallback(callSid, 'completed', { CallDuration: '75' });
    expect(await callRow(callSid)).toEqual({
      status: 'completed',
      start_time: at,
      answer_time: at,
      end_time: end,
      duration: 75,
      // Nobody took it.
      disposition: 'missed',
    });
    // The activity feed tells of it once, as seed 003's inbound_call.
    const feed = await api.http.get('/api/system/activity?type=inbound_call').set(tenant.admin.headers);
    expect(feed.body.data).toEqual([
      expect.objectContaining({
        type: 'inbound_call',
        description: `Inbound call from ${CALLER} missed`,
        status: 'failure',
        timestamp: end.toISOString(),
        actor_user_id: null,
      }),
    ]);
  });
});
