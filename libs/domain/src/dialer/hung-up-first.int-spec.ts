import { createTenant, createTestApi, insertCallRow, TestApi, TestTenant } from '@app/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AgentBridgeService } from './agent-bridge.service';
import { CallEventsService } from './call-events.service';

/**
 * A person who hangs up just before the platform gives their call new TwiML (the safe harbour when no agent came
 * within 2 s, the voicemail greeting of an inbound call nobody took, the hang-up after a machine answered): the
 * provider answers that the call is over (Twilio 20404 or 21220). That is no fault: the job records the outcome and
 * ends, instead of failing and being retried. No worker runs: the jobs' handlers are called here, against the
 * telephony simulator, which knows none of these calls.
 */
describe('a person who hung up first (integration)', () => {
  let api: TestApi;
  let db: DataSource;
  let t: TestTenant;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    t = await createTenant(api.http);
  });
  afterAll(() => api.close());

  const sid = () => `CA${randomBytes(16).toString('hex')}`;
  const row = async (id: string) =>
    (
      await db.query(`SELECT disposition, metadata ? 'abandoned_at' AS abandoned FROM calls WHERE id = $1`, [
        id,
      ])
    )[0];

  it('a lead nobody took within 2 s is counted abandoned', async () => {
    const id = await insertCallRow(db, t.id, {
      call_sid: sid(),
      status: 'in-progress',
      answered_by: 'human',
    });
    await expect(
      api.app.get(AgentBridgeService).deadline({ tenant_id: t.id, call_id: id }),
    ).resolves.toBeUndefined();
    expect(await row(id)).toEqual({ disposition: 'abandoned', abandoned: true });
  });

  it('an inbound caller nobody took is counted missed', async () => {
    const id = await insertCallRow(db, t.id, {
      kind: 'inbound',
      direction: 'inbound',
      call_sid: sid(),
      status: 'in-progress',
    });
    await expect(
      api.app.get(AgentBridgeService).deadline({ tenant_id: t.id, call_id: id }),
    ).resolves.toBeUndefined();
    expect(await row(id)).toEqual({ disposition: 'missed', abandoned: true });
  });

  it('a machine that answered is counted voicemail', async () => {
    const callSid = sid();
    const id = await insertCallRow(db, t.id, { call_sid: callSid, status: 'in-progress' });
    await expect(
      api.app.get(CallEventsService).apply(t.id, {
        kind: 'call',
        type: 'amd',
        call_id: id,
        form: {
          call_sid: callSid,
          account_sid: null,
          answered_by: 'machine_start',
          machine_detection_duration: 2100,
        },
      }),
    ).resolves.toBeUndefined();
    expect(await row(id)).toEqual({ disposition: 'voicemail', abandoned: false });
  });
});
