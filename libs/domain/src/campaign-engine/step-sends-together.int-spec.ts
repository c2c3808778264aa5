import { pgPool } from '@app/db';
import { JobProducer, QueueName } from '@app/queues';
import {
  apiOnIsolatedDatabase,
  createTenant,
  insertCampaignRows,
  PgSessions,
  refuseUpdates,
  TestTenant,
  waitFor,
  zoneInDaytime,
} from '@app/testing';
import { sendJobId } from '../messaging/send-jobs';
import { CampaignStepRunner } from './campaign-step-runner.service';

/**
 * A step job's plain messages are written together: one statement makes every turn's message, its conversation and
 * its enrollment's move (each turn still both or neither, DESIGN §7.6), and their send jobs go to Redis in one
 * round trip. What that statement does not take goes on its own as before: a turn whose enrollment another
 * transaction holds (the statement never waits for it while holding the others), and every turn when the statement
 * fails (one bad turn does not fail the others). The runner is called as its job calls it; a trigger stands on the
 * database, so the file has one of its own.
 */
describe("a step job's messages written together (integration)", () => {
  let t: TestTenant;
  let phone = 0;
  let sessions: PgSessions;
  // Declared before the API: open sessions are rolled back and released before it closes.
  afterAll(() => sessions?.close());
  const on = apiOnIsolatedDatabase();
  beforeAll(async () => {
    sessions = new PgSessions(on.db);
    t = await createTenant(on.api.http);
  });

  /** A two-SMS campaign of `n` new leads, every enrollment queued for its first step; its step job's payload. */
  async function queuedBatch(n: number) {
    const leads: string[] = [];
    for (let i = 0; i < n; i++) {
      phone += 1;
      const res = await on.api.http
        .post('/api/leads')
        .set(t.admin.headers)
        .send({
          first_name: `Lead${phone}`,
          phone: `+1415555${String(6000 + phone).padStart(4, '0')}`,
          timezone: zoneInDaytime(),
        });
      expect(res.status).toBe(201);
      leads.push(res.body.data.id as string);
    }
    const campaign = await insertCampaignRows(on.db, t.id, {
      leadIds: leads,
      steps: [
        { type: 'SMS', content: 'Hello {{first_name}}' },
        { type: 'SMS', content: 'Again' },
      ],
    });
    const rows = (await on.db.query(
      `UPDATE campaign_enrollments SET status = 'queued' WHERE campaign_id = $1 RETURNING id, lead_id`,
      [campaign.id],
    )) as [{ id: string; lead_id: string }[], number];
    const ids = new Map(rows[0].map((r) => [r.lead_id, r.id]));
    const payload = {
      tenant_id: t.id,
      turns: leads.map((lead) => ({ enrollment_id: ids.get(lead)!, step: 0, attempt: 1 })),
    };
    return { campaign, leads, ids, payload };
  }

  const messagesOf = async (campaignId: string) =>
    (await on.db.query(
      `SELECT m.id, m.lead_id, m.content, m.status, m.idempotency_key, c.lead_id AS conversation_lead
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.campaign_id = $1 ORDER BY m.lead_id`,
      [campaignId],
    )) as {
      id: string;
      lead_id: string;
      content: string;
      idempotency_key: string;
      conversation_lead: string;
    }[];
  const standing = async (campaignId: string) =>
    (await on.db.query(
      `SELECT lead_id, status, current_step, attempts FROM campaign_enrollments WHERE campaign_id = $1
        ORDER BY lead_id`,
      [campaignId],
    )) as { lead_id: string; status: string; current_step: number }[];
  const runner = () => on.api.app.get(CampaignStepRunner);

  it("writes every turn's message, conversation and move in one statement, and queues their sends in one round trip", async () => {
    const batch = await queuedBatch(3);
    const pool = pgPool(on.db);
    const query = jest.spyOn(pool, 'query');
    const queue = on.api.app.get(JobProducer).queue(QueueName.OutboundMessages);
    const addBulk = jest.spyOn(queue, 'addBulk');
    const add = jest.spyOn(queue, 'add');
    try {
      await runner().run(batch.payload);
      const texts = query.mock.calls.map(([config]) =>
        typeof config === 'string' ? config : (config as { text: string }).text,
      );
      expect(texts.filter((text) => /INSERT INTO messages/.test(text))).toHaveLength(1);
      expect(texts.filter((text) => /UPDATE campaign_enrollments/.test(text))).toHaveLength(1);
      expect(add).not.toHaveBeenCalled();
      expect(addBulk).toHaveBeenCalledTimes(1);
    } finally {
      query.mockRestore();
      addBulk.mockRestore();
      add.mockRestore();
    }
    const messages = await messagesOf(batch.campaign.id);
    expect(messages).toEqual(
      [...batch.leads].sort().map((lead) => ({
        id: expect.any(String),
        lead_id: lead,
        content: expect.stringMatching(/^Hello Lead\d+$/),
        status: 'queued',
        idempotency_key: `campaign:${batch.ids.get(lead)}:0:1`,
        conversation_lead: lead,
      })),
    );
    for (const m of messages) expect(await queue.getJob(sendJobId(m.id))).not.toBeNull();
    expect(await standing(batch.campaign.id)).toEqual(
      [...batch.leads]
        .sort()
        .map((lead) => ({ lead_id: lead, status: 'waiting', current_step: 1, attempts: 0 })),
    );
    // Run again (a retry of the job): every turn is taken, nothing more is written.
    await runner().run(batch.payload);
    expect(await messagesOf(batch.campaign.id)).toHaveLength(3);
  });

  it('leaves a turn whose enrollment another transaction holds to go on its own once it is let go', async () => {
    const batch = await queuedBatch(3);
    const heldId = batch.ids.get(batch.leads[1])!;
    const { tx, pid } = await sessions.begin();
    await tx.query(`SELECT id FROM campaign_enrollments WHERE id = $1 FOR UPDATE`, [heldId]);
    const run = runner().run(batch.payload);
    // The others are written (committed) while the held turn waits for its row on its own.
    expect(await sessions.doneOrWaiting(run, [pid])).toHaveLength(1);
    await waitFor(async () => (await messagesOf(batch.campaign.id)).length === 2);
    expect((await messagesOf(batch.campaign.id)).map((m) => m.lead_id)).not.toContain(batch.leads[1]);
    await tx.commitTransaction();
    await run;
    expect((await messagesOf(batch.campaign.id)).map((m) => m.lead_id)).toEqual([...batch.leads].sort());
    expect((await standing(batch.campaign.id)).map((e) => e.current_step)).toEqual([1, 1, 1]);
  });

  it('sends the others when one turn fails: the statement is given up, each turn goes on its own', async () => {
    const batch = await queuedBatch(3);
    const badId = batch.ids.get(batch.leads[2])!;
    const fault = await refuseUpdates(
      on.db,
      'campaign_enrollments',
      `OLD.id = '${badId}' AND NEW.status NOT IN ('queued', 'failed')`,
    );
    try {
      await expect(runner().run(batch.payload)).rejects.toThrow(/refused by the test/);
    } finally {
      await fault.unwind();
    }
    expect((await messagesOf(batch.campaign.id)).map((m) => m.lead_id)).toEqual(
      batch.leads.slice(0, 2).sort(),
    );
    const [bad] = (await on.db.query(
      `SELECT status, current_step, step_failure FROM campaign_enrollments WHERE id = $1`,
      [badId],
    )) as { status: string; current_step: number; step_failure: { count: number } }[];
    // Counted once for the run, as a turn failing on its own is.
    expect(bad).toMatchObject({ status: 'queued', current_step: 0, step_failure: { turn: '0:1', count: 1 } });
    // The job's retry sends it.
    await runner().run(batch.payload);
    expect((await messagesOf(batch.campaign.id)).map((m) => m.lead_id)).toEqual([...batch.leads].sort());
  });
});
