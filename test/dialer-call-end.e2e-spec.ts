import { randomUUID } from 'node:crypto';
import {
  createTenant,
  insertCallRow,
  onIsolatedDatabase,
  refuseUpdates,
  startVoicePlatform,
  TestApi,
  waitFor,
} from '@app/testing';
import { DialerTickService } from '@app/domain';
import { DataSource } from 'typeorm';
import { offerPreview, previewRows } from './preview-offer.fixture';

/**
 * A call's end commits with what it changes (the agent given back or put in after-call work, the lead's retry or
 * next step) or not at all: a failure part-way rolls the end back and the event's job, retried, applies it whole.
 * After-call work whose ending job was lost, and an agent held by a call that is not theirs, are put right by the
 * dialer tick, whose sweeps stand apart (one row that keeps failing stalls none of them). Every call here is busy. A fault is injected into the database and the tick is platform-wide, so the
 * file runs on a database of its own.
 */
describe('a call end is applied whole (e2e)', () => {
  let api: TestApi;
  let db: DataSource;

  const platform = onIsolatedDatabase((url) =>
    startVoicePlatform({
      DATABASE_URL: url,
      CAMPAIGN_TICK_MS: '200',
      SIMULATOR_CALL_MIX: 'busy:1',
      SIMULATOR_CALL_BUSY_AFTER_MS: '500',
    }),
  );
  beforeAll(() => {
    ({ api, db } = platform());
  });

  /**
   * One dialer tick, run here as well as by its repeating job: on a loaded machine that job can wait behind other
   * dialer jobs longer than a test's patience.
   */
  const tick = () => platform().workers[0].app.get(DialerTickService).tick();

  it("a failure while settling the end rolls it back (call open, agent on it, lead taken); the job's retry applies it whole", async () => {
    const rows = previewRows(db);
    const o = await offerPreview(api, 600, '+12125550141');
    const taken = await rows.enrollment(o.campaignId);
    expect(taken).toMatchObject({ status: 'in_progress', attempts: 1, next_action_at: null });
    // The lead's retry (or next step) is the end's last change: refuse it.
    const fault = await refuseUpdates(db, 'campaign_enrollments', `OLD.id = '${taken.id}'`);
    try {
      const dial = await api.http.post(`/api/calls/${o.callId}/dial`).set(o.t.admin.headers);
      expect(dial.status).toBe(200);
      await waitFor(
        async () => ((await fault.refusals()) >= 1 ? true : undefined),
        20_000,
        'the end refused',
      );
      expect(await rows.call(o.callId)).toMatchObject({ end_time: null });
      expect(await rows.agent(o.agentId)).toEqual({ status: 'busy', current_calls: 1 });
      expect(await rows.enrollment(o.campaignId)).toEqual(taken);

      await fault.unwind();
      const call = await waitFor(
        async () => {
          const row = await rows.call(o.callId);
          return row.end_time ? row : undefined;
        },
        30_000,
        "the end applied by the job's retry",
      );
      expect(call.status).toBe('busy');
      expect(await rows.agent(o.agentId)).toEqual({ status: 'available', current_calls: 0 });
      const after = await rows.enrollment(o.campaignId);
      expect(after.status !== 'in_progress' || after.next_action_at !== null).toBe(true);
      expect(await rows.leadAttempts(o.leadId)).toBe(1);
    } finally {
      await fault.unwind();
      o.close();
    }
  }, 90_000);

  it('after-call work whose ending job was lost is ended by the dialer tick; one still running is left alone', async () => {
    const t = await createTenant(api.http);
    const agent = async (name: string) => {
      const res = await api.http.post('/api/agents').set(t.admin.headers).send({ name });
      expect(res.status).toBe(201);
      return res.body.data.id as string;
    };
    const lost = await agent('Lost Wrap-up');
    const running = await agent('Running Wrap-up');
    // As a call's end leaves them, with no job queued to end it: one overdue by a minute, one due in ten.
    const now = platform().clock.nowMs();
    const wrapUp = (id: string, untilMs: number) =>
      db.query(`UPDATE agents SET status = 'busy', current_calls = 0, wrap_up_until = $2 WHERE id = $1`, [
        id,
        new Date(untilMs),
      ]);
    await wrapUp(lost, now - 60_000);
    await wrapUp(running, now + 600_000);
    await tick();

    const freed = await waitFor(
      async () => {
        const [row] = await db.query(
          `SELECT status, current_calls, wrap_up_until FROM agents WHERE id = $1`,
          [lost],
        );
        return row.status === 'available' ? row : undefined;
      },
      20_000,
      'the overdue wrap-up ended',
    );
    expect(freed).toEqual({ status: 'available', current_calls: 0, wrap_up_until: null });
    const [still] = await db.query(`SELECT status, wrap_up_until FROM agents WHERE id = $1`, [running]);
    expect(still.status).toBe('busy');
    expect(still.wrap_up_until.getTime()).toBe(now + 600_000);
  }, 60_000);

  it('a lost placement whose failing keeps being refused does not stall the tick: an overdue wrap-up still ends', async () => {
    const t = await createTenant(api.http);
    const now = platform().clock.nowMs();
    // A dialer call whose provider answer was lost (no SID, five minutes old): the tick fails it, but that update
    // is refused, tick after tick. The fault stands before the row: the repeating tick may sweep it at once.
    const lostCall = randomUUID();
    const fault = await refuseUpdates(db, 'calls', `OLD.id = '${lostCall}'`);
    try {
      await insertCallRow(db, t.id, {
        id: lostCall,
        status: 'queued',
        call_sid: null,
        to_number: '+12125550143',
        created_at: new Date(now - 300_000),
      });
      const created = await api.http.post('/api/agents').set(t.admin.headers).send({ name: 'Wrapping up' });
      expect(created.status).toBe(201);
      const agentId = created.body.data.id as string;
      await db.query(
        `UPDATE agents SET status = 'busy', current_calls = 0, wrap_up_until = $2 WHERE id = $1`,
        [agentId, new Date(now - 60_000)],
      );
      // One tick: its lost placements' sweep is refused, and its wrap-ups' sweep runs all the same.
      await tick();
      expect(await fault.refusals()).toBeGreaterThanOrEqual(1);
      const freed = await waitFor(
        async () => {
          const [row] = await db.query(`SELECT status FROM agents WHERE id = $1`, [agentId]);
          return row.status === 'available' ? row : undefined;
        },
        30_000,
        'the overdue wrap-up ended, the lost placement notwithstanding',
      );
      expect(freed).toEqual({ status: 'available' });
      const [call] = await db.query(`SELECT status, end_time FROM calls WHERE id = $1`, [lostCall]);
      expect(call).toEqual({ status: 'queued', end_time: null });
    } finally {
      await fault.unwind();
    }
  }, 60_000);

  it('an agent held by a call that is not there is given back by the dialer tick; one held by an offer keeps it', async () => {
    const rows = previewRows(db);
    const offered = await offerPreview(api, 600, '+12125550142');
    const stranded = await createTenant(api.http);
    const created = await api.http.post('/api/agents').set(stranded.admin.headers).send({ name: 'Stranded' });
    expect(created.status).toBe(201);
    const strandedId = created.body.data.id as string;
    try {
      // Both untouched for two minutes: one taken for a call that never got their id (its worker died), one on an
      // offer that is theirs.
      const old = new Date(platform().clock.nowMs() - 120_000);
      await db.query(`UPDATE agents SET status = 'busy', current_calls = 1, updated_at = $2 WHERE id = $1`, [
        strandedId,
        old,
      ]);
      await db.query(`UPDATE agents SET updated_at = $2 WHERE id = $1`, [offered.agentId, old]);
      // A call the agent logged by hand as ongoing is a record, not a call holding them.
      await insertCallRow(db, stranded.id, { kind: 'manual', status: 'in-progress', agent_id: strandedId });

      await tick();
      await waitFor(
        async () => ((await rows.agent(strandedId)).status === 'available' ? true : undefined),
        20_000,
        'the stranded agent given back',
      );
      expect(await rows.agent(strandedId)).toEqual({ status: 'available', current_calls: 0 });
      expect(await rows.agent(offered.agentId)).toEqual({ status: 'busy', current_calls: 1 });
      expect(await rows.call(offered.callId)).toMatchObject({ end_time: null, metadata: { preview: true } });
    } finally {
      offered.close();
    }
  }, 60_000);
});
