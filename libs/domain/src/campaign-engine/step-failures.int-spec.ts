import {
  apiOnIsolatedDatabase,
  createTenant,
  insertCampaignRows,
  refuseUpdates,
  TestTenant,
  zoneInDaytime,
} from '@app/testing';
import { CampaignStepRunner, MAX_TURN_FAILURES, STEP_FAILING_MS } from './campaign-step-runner.service';

/**
 * A campaign step that fails for a reason no check recognises (here: the database refuses the enrollment's move)
 * is counted on its enrollment, turn by turn. Its job's tries and the scheduler's sweep take it again while the
 * count is low or recent; once it has failed MAX_TURN_FAILURES times over STEP_FAILING_MS the enrollment ends
 * `failed` (`step_error`), its campaign completes, and its job stops failing. The runner is called as its job calls
 * it; a trigger stands on the database, so the file has one of its own.
 */
describe('a campaign step that keeps failing (integration)', () => {
  let t: TestTenant;
  let runner: CampaignStepRunner;

  const on = apiOnIsolatedDatabase();
  beforeAll(async () => {
    runner = on.api.app.get(CampaignStepRunner);
    t = await createTenant(on.api.http);
  });

  /** A one-SMS campaign whose only enrollment is taken (`queued`) for its first send, and whose move is refused. */
  async function failingTurn(phone: string) {
    const created = await on.api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Fay', phone, timezone: zoneInDaytime() });
    expect(created.status).toBe(201);
    const campaign = await insertCampaignRows(on.db, t.id, {
      leadIds: [created.body.data.id],
      steps: [{ type: 'SMS', content: 'Hello {{first_name}}' }],
    });
    const [[row]] = await on.db.query(
      `UPDATE campaign_enrollments SET status = 'queued' WHERE campaign_id = $1 RETURNING id`,
      [campaign.id],
    );
    const id = row.id as string;
    const fault = await refuseUpdates(
      on.db,
      'campaign_enrollments',
      `OLD.id = '${id}' AND NEW.status NOT IN ('queued', 'failed')`,
    );
    const run = (attempt = 1) =>
      runner.run({ tenant_id: t.id, turns: [{ enrollment_id: id, step: 0, attempt }] });
    const state = async () =>
      (
        await on.db.query(
          `SELECT status, stop_reason, step_failure, next_action_at FROM campaign_enrollments WHERE id = $1`,
          [id],
        )
      )[0];
    const campaignStatus = async () =>
      (await on.db.query(`SELECT status FROM campaigns WHERE id = $1`, [campaign.id]))[0].status as string;
    const messages = async () =>
      Number(
        (
          await on.db.query(`SELECT count(*) AS n FROM messages WHERE lead_id = $1`, [created.body.data.id])
        )[0].n,
      );
    return { id, fault, run, state, campaignStatus, messages };
  }

  it('is taken again while it has failed fewer times or for less long; then ends failed and its campaign completes', async () => {
    const turn = await failingTurn('+14155554101');
    try {
      for (let i = 0; i < MAX_TURN_FAILURES; i++)
        await expect(turn.run()).rejects.toThrow(/refused by the test/);
      // As many failures as the cap, all just now: an outage, not a step that fails for good.
      const counted = await turn.state();
      expect(counted).toMatchObject({ status: 'queued', stop_reason: null });
      expect(counted.step_failure).toEqual({
        turn: '0:1',
        count: MAX_TURN_FAILURES,
        since: expect.any(String),
      });
      // Postgres writes the time its own way (no trailing zeros): compared as an instant.
      expect(Date.parse(counted.step_failure.since)).toBe(on.api.clock.nowMs());
      expect(await turn.fault.refusals()).toBe(MAX_TURN_FAILURES);

      // The first failure a little less than STEP_FAILING_MS ago: one more still leaves it to be taken again.
      const backdate = (ms: number) =>
        on.db.query(
          `UPDATE campaign_enrollments SET step_failure = jsonb_set(step_failure, '{since}', to_jsonb($2::timestamptz))
            WHERE id = $1`,
          [turn.id, new Date(on.api.clock.nowMs() - ms)],
        );
      await backdate(STEP_FAILING_MS - 60_000);
      await expect(turn.run()).rejects.toThrow(/refused by the test/);
      expect((await turn.state()).status).toBe('queued');

      await backdate(STEP_FAILING_MS);
      await expect(turn.run()).resolves.toBeUndefined();
      expect(await turn.state()).toMatchObject({
        status: 'failed',
        stop_reason: 'step_error',
        next_action_at: null,
      });
      expect((await turn.state()).step_failure.count).toBe(MAX_TURN_FAILURES + 2);
      expect(await turn.campaignStatus()).toBe('completed');
      expect(await turn.messages()).toBe(0);
      // The job's retry finds the turn ended: nothing runs, nothing fails.
      await expect(turn.run()).resolves.toBeUndefined();
      expect(await turn.fault.refusals()).toBe(MAX_TURN_FAILURES + 2);
    } finally {
      await turn.fault.unwind();
    }
  });

  it('counts each turn on its own: a retry of the send (the next attempt) starts again from one', async () => {
    const turn = await failingTurn('+14155554102');
    try {
      await expect(turn.run(1)).rejects.toThrow(/refused by the test/);
      await expect(turn.run(1)).rejects.toThrow(/refused by the test/);
      expect((await turn.state()).step_failure).toMatchObject({ turn: '0:1', count: 2 });
      // The send's retry: one attempt made, the second taken.
      await on.db.query(`UPDATE campaign_enrollments SET attempts = 1 WHERE id = $1`, [turn.id]);
      await expect(turn.run(2)).rejects.toThrow(/refused by the test/);
      expect((await turn.state()).step_failure).toMatchObject({ turn: '0:2', count: 1 });
      // A job for a turn that is no longer the enrollment's counts nothing.
      await expect(turn.run(1)).resolves.toBeUndefined();
      expect((await turn.state()).step_failure).toMatchObject({ turn: '0:2', count: 1 });
    } finally {
      await turn.fault.unwind();
    }
  });
});
