import {
  apiOnIsolatedDatabase,
  CampaignRowStep,
  createDaytimeLead,
  createTenant,
  insertCampaignRows,
  TestTenant,
} from '@app/testing';
import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { AiCampaignSteps } from '../ai-outreach/ai-campaign-steps.service';
import { EnrollmentControlRepository } from '../campaign-control/enrollment-control.repository';
import { MessagesRepository } from '../messaging/messages.repository';
import { CampaignSchedulerService } from './campaign-scheduler.service';
import { CampaignStepRunner } from './campaign-step-runner.service';
import { EnrollmentsRepository } from './enrollments.repository';

/**
 * Where a campaign's turns meet what else moves its enrollments (no worker runs here: each piece is called as its
 * job would call it, on a database of this file's own, since a trigger stands on it):
 * - a turn lost before its message was written (a cede or the stale sweep released it) leaves no message, and a
 *   step's message, its conversation and its enrollment's move are one statement;
 * - a step job reads its batch once, and a turn another job took after that read sends nothing; an AI turn is read
 *   again before its model call;
 * - a campaign message is claimed for its send only while its campaign's gate lets it go;
 * - a cede leaves a lead the dialer has taken (on a call) as it is, and sends one in its pool back to wait;
 * - a deleted (archived) campaign is not made active again by a retry, nor completed by the tick's sweep;
 * - a send that failed while its campaign was paused is retried (its enrollment waits for the resume);
 * - a campaign an import still enrolls into is not complete, however its enrolled leads stand.
 */
describe('campaign turns and what else moves enrollments (integration)', () => {
  let t: TestTenant;
  let phone = 0;

  const on = apiOnIsolatedDatabase();
  beforeAll(async () => {
    t = await createTenant(on.api.http);
  });

  async function lead(): Promise<string> {
    phone += 1;
    return createDaytimeLead(on.api.http, t, {
      first_name: 'Turn',
      phone: `+1415555${String(3000 + phone).padStart(4, '0')}`,
    });
  }

  const enrollment = async (campaignId: string) =>
    (
      await on.db.query(
        `SELECT id, status, current_step, attempts, next_action_at FROM campaign_enrollments WHERE campaign_id = $1`,
        [campaignId],
      )
    )[0];
  const campaignStatus = async (id: string) =>
    (await on.db.query(`SELECT status FROM campaigns WHERE id = $1`, [id]))[0].status as string;
  /** A campaign of `steps` for one new lead, its enrollment queued for its first step. */
  async function queuedEnrollment(steps: CampaignRowStep[]) {
    const campaign = await insertCampaignRows(on.db, t.id, { leadIds: [await lead()], steps });
    const e = await enrollment(campaign.id);
    await on.db.query(`UPDATE campaign_enrollments SET status = 'queued' WHERE id = $1`, [e.id]);
    return { campaign, e };
  }
  /** Runs the enrollment's first turn as its step job would. */
  const runFirstTurn = (enrollmentId: string) =>
    on.api.app
      .get(CampaignStepRunner)
      .run({ tenant_id: t.id, turns: [{ enrollment_id: enrollmentId, step: 0, attempt: 1 }] });

  it('a turn released after its batch was read writes nothing (no message, no conversation), and its job does not fail', async () => {
    const { campaign, e } = await queuedEnrollment([{ type: 'SMS', content: 'Hello' }]);
    const enrollments = on.api.app.get(EnrollmentsRepository);
    const read = enrollments.loadMany.bind(enrollments);
    // A cede or the stale sweep releases the turn once the batch has read it, before its message is written.
    const loadMany = jest.spyOn(enrollments, 'loadMany').mockImplementation(async (...args) => {
      const contexts = await read(...args);
      await on.db.query(`UPDATE campaign_enrollments SET status = 'waiting' WHERE id = $1`, [e.id]);
      return contexts;
    });
    try {
      await runFirstTurn(e.id);
    } finally {
      loadMany.mockRestore();
    }
    expect(await on.db.query(`SELECT id FROM messages WHERE campaign_id = $1`, [campaign.id])).toEqual([]);
    const lead_id = (await on.db.query(`SELECT lead_id FROM campaign_enrollments WHERE id = $1`, [e.id]))[0]
      .lead_id;
    expect(await on.db.query(`SELECT id FROM conversations WHERE lead_id = $1`, [lead_id])).toEqual([]);
    expect(await enrollment(campaign.id)).toMatchObject({ status: 'waiting', current_step: 0 });
  });

  it("a step's send is one statement (its message, its conversation and the enrollment's move), no transaction", async () => {
    const { campaign, e } = await queuedEnrollment([
      { type: 'SMS', content: 'Hello' },
      { type: 'SMS', content: 'Again' },
    ]);
    const statements: string[] = [];
    const query = Client.prototype.query;
    const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (
      this: Client,
      ...args: unknown[]
    ) {
      const config = args[0] as string | { text?: string };
      statements.push((typeof config === 'string' ? config : (config.text ?? '')).trim());
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query);
    try {
      await runFirstTurn(e.id);
    } finally {
      spy.mockRestore();
    }
    // Its writes: one statement, no BEGIN or COMMIT, no statement of its own for the move.
    const writes = statements.filter((text) =>
      /^(BEGIN|COMMIT)$|UPDATE campaign_enrollments|INSERT INTO (messages|conversations)/.test(text),
    );
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(
      /UPDATE campaign_enrollments[\s\S]*INSERT INTO conversations[\s\S]*INSERT INTO messages/,
    );
    expect(
      await on.db.query(`SELECT content, status FROM messages WHERE campaign_id = $1`, [campaign.id]),
    ).toEqual([{ content: 'Hello', status: 'queued' }]);
    expect(await enrollment(campaign.id)).toMatchObject({ status: 'waiting', current_step: 1, attempts: 0 });
  });

  it("a step's send commits without waiting for the disk, and only its own transaction", async () => {
    const { campaign, e } = await queuedEnrollment([
      { type: 'SMS', content: 'Hello' },
      { type: 'SMS', content: 'Again' },
    ]);
    // The step's statement runs inside a transaction the test opens on its connection, so that how that transaction
    // would commit can be read after it (then committed), and how the connection's next one commits.
    const modes: string[] = [];
    const query = Client.prototype.query as (...a: unknown[]) => Promise<{ rows: Record<string, string>[] }>;
    const show = async (client: Client) =>
      (await query.call(client, 'SHOW synchronous_commit')).rows[0].synchronous_commit;
    const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (
      this: Client,
      ...args: unknown[]
    ) {
      const config = args[0] as string | { text?: string };
      const text = typeof config === 'string' ? config : (config.text ?? '');
      const done = args.find((a) => typeof a === 'function') as
        ((err: unknown, res?: unknown) => void) | undefined;
      if (!/^WITH moved AS/.test(text.trim()) || !done) return query.apply(this, args);
      void (async () => {
        await query.call(this, 'BEGIN');
        try {
          const result = await query.call(this, config, args[1] === done ? undefined : args[1]);
          modes.push(await show(this));
          await query.call(this, 'COMMIT');
          modes.push(await show(this));
          done(null, result);
        } catch (err) {
          await query.call(this, 'ROLLBACK');
          done(err);
        }
      })();
      return undefined;
    } as typeof Client.prototype.query);
    try {
      await runFirstTurn(e.id);
    } finally {
      spy.mockRestore();
    }
    // Its transaction commits with synchronous_commit off; the connection's next one as before. The sender's claim
    // of the message stays durable (send-commits int-spec), and flushes this commit before the provider call.
    expect(modes).toEqual(['off', 'on']);
    expect(
      await on.db.query(`SELECT content, status FROM messages WHERE campaign_id = $1`, [campaign.id]),
    ).toEqual([{ content: 'Hello', status: 'queued' }]);
    expect(await enrollment(campaign.id)).toMatchObject({ status: 'waiting', current_step: 1, attempts: 0 });
  });

  it("a batch's turns are read in one statement; a turn another job took since that read sends nothing", async () => {
    const [first, second] = [await lead(), await lead()];
    const campaign = await insertCampaignRows(on.db, t.id, {
      leadIds: [first, second],
      steps: [
        { type: 'SMS', content: 'Hello' },
        { type: 'SMS', content: 'Again' },
      ],
    });
    await on.db.query(`UPDATE campaign_enrollments SET status = 'queued' WHERE campaign_id = $1`, [
      campaign.id,
    ]);
    const ids = new Map(
      (
        (await on.db.query(`SELECT id, lead_id FROM campaign_enrollments WHERE campaign_id = $1`, [
          campaign.id,
        ])) as { id: string; lead_id: string }[]
      ).map((e) => [e.lead_id, e.id]),
    );
    const enrollments = on.api.app.get(EnrollmentsRepository);
    const read = enrollments.loadMany.bind(enrollments);
    // Another job sends the second lead's step once the batch has read it, and moves it on.
    const loadMany = jest.spyOn(enrollments, 'loadMany').mockImplementation(async (...args) => {
      const contexts = await read(...args);
      await on.db.query(
        `UPDATE campaign_enrollments SET status = 'waiting', current_step = 1, next_action_at = now() + interval '1 day'
          WHERE id = $1`,
        [ids.get(second)],
      );
      return contexts;
    });
    const load = jest.spyOn(enrollments, 'load');
    const payload = {
      tenant_id: t.id,
      turns: [first, second].map((leadId) => ({ enrollment_id: ids.get(leadId)!, step: 0, attempt: 1 })),
    };
    try {
      await on.api.app.get(CampaignStepRunner).run(payload);
      expect(loadMany).toHaveBeenCalledTimes(1);
      expect(load).not.toHaveBeenCalled();
    } finally {
      loadMany.mockRestore();
      load.mockRestore();
    }
    // The same job run again (a retry) finds both turns taken.
    await on.api.app.get(CampaignStepRunner).run(payload);
    const messages = (await on.db.query(`SELECT lead_id, content FROM messages WHERE campaign_id = $1`, [
      campaign.id,
    ])) as { lead_id: string; content: string }[];
    expect(messages).toEqual([{ lead_id: first, content: 'Hello' }]);
    const standing = (await on.db.query(
      `SELECT lead_id, status, current_step FROM campaign_enrollments WHERE campaign_id = $1 ORDER BY lead_id`,
      [campaign.id],
    )) as { lead_id: string }[];
    expect(standing).toEqual(
      [first, second].sort().map((leadId) => ({ lead_id: leadId, status: 'waiting', current_step: 1 })),
    );
  });

  it('an AI step paused after the batch was read writes nothing: its turn is read again before the model call', async () => {
    const campaign = await insertCampaignRows(on.db, t.id, {
      leadIds: [await lead()],
      steps: [{ type: 'AI_MESSAGE', content: 'Introduce us', options: { channel: 'sms' } }],
    });
    await on.db.query(`UPDATE campaign_enrollments SET status = 'queued' WHERE campaign_id = $1`, [
      campaign.id,
    ]);
    const e = await enrollment(campaign.id);
    const enrollments = on.api.app.get(EnrollmentsRepository);
    const read = enrollments.loadMany.bind(enrollments);
    const paused = jest.spyOn(enrollments, 'loadMany').mockImplementationOnce(async (...args) => {
      const contexts = await read(...args);
      await on.db.query(`UPDATE campaigns SET status = 'paused' WHERE id = $1`, [campaign.id]);
      return contexts;
    });
    const write = jest.spyOn(on.api.app.get(AiCampaignSteps), 'content');
    try {
      await runFirstTurn(e.id);
      expect(write).not.toHaveBeenCalled();
    } finally {
      paused.mockRestore();
      write.mockRestore();
    }
    expect(await on.db.query(`SELECT id FROM messages WHERE campaign_id = $1`, [campaign.id])).toEqual([]);
    expect(await enrollment(campaign.id)).toMatchObject({ status: 'waiting', current_step: 0, attempts: 0 });
  });

  it("a campaign message is claimed for its send only while the campaign's gate lets it go", async () => {
    const [held, free] = [await lead(), await lead()];
    const campaign = await insertCampaignRows(on.db, t.id, {
      leadIds: [held, free],
      steps: [{ type: 'SMS', content: 'Hello' }],
    });
    await on.db.query(`UPDATE campaign_enrollments SET status = 'queued' WHERE campaign_id = $1`, [
      campaign.id,
    ]);
    const ids = (await on.db.query(`SELECT id, lead_id FROM campaign_enrollments WHERE campaign_id = $1`, [
      campaign.id,
    ])) as { id: string; lead_id: string }[];
    await on.api.app.get(CampaignStepRunner).run({
      tenant_id: t.id,
      turns: ids.map((e) => ({ enrollment_id: e.id, step: 0, attempt: 1 })),
    });
    const message = async (leadId: string) =>
      (
        (await on.db.query(`SELECT id, status FROM messages WHERE campaign_id = $1 AND lead_id = $2`, [
          campaign.id,
          leadId,
        ])) as { id: string; status: string }[]
      )[0];
    const claim = async (leadId: string) =>
      on.api.app.get(MessagesRepository).claim(t.id, (await message(leadId)).id, 'simulator', new Date());
    // Paused after the sender asked its gate: not claimed, still queued for the resume.
    await on.db.query(`UPDATE campaigns SET status = 'paused' WHERE id = $1`, [campaign.id]);
    expect(await claim(held)).toBe(false);
    expect((await message(held)).status).toBe('queued');
    await on.db.query(`UPDATE campaigns SET status = 'active' WHERE id = $1`, [campaign.id]);
    // A human took one lead over: that one waits for the cede, the other goes.
    await on.db.query(
      `UPDATE campaign_enrollments SET ai_paused = true WHERE campaign_id = $1 AND lead_id = $2`,
      [campaign.id, held],
    );
    expect(await claim(held)).toBe(false);
    expect(await claim(free)).toBe(true);
    expect((await message(free)).status).toBe('sending');
  });

  it("a cede leaves a lead the dialer has taken as it is, and sends one in the dialer's pool back to wait", async () => {
    const campaign = await insertCampaignRows(on.db, t.id, {
      leadIds: [await lead(), await lead()],
      steps: [{ type: 'CALL', content: 'Call' }],
    });
    const rows = (await on.db.query(
      `SELECT id FROM campaign_enrollments WHERE campaign_id = $1 ORDER BY id`,
      [campaign.id],
    )) as { id: string }[];
    const [onCall, inPool] = rows.map((r) => r.id);
    // On a call: taken (attempt 1, no time); in the pool: due, not taken.
    await on.db.query(
      `UPDATE campaign_enrollments SET status = 'in_progress', attempts = 1, next_action_at = NULL, ai_paused = true
        WHERE id = $1`,
      [onCall],
    );
    await on.db.query(
      `UPDATE campaign_enrollments SET status = 'in_progress', next_action_at = now(), ai_paused = true WHERE id = $1`,
      [inPool],
    );
    const control = on.api.app.get(EnrollmentControlRepository);
    await on.db.transaction(async (tx: EntityManager) => {
      await control.release(tx, t.id, onCall, new Date(), false);
      await control.release(tx, t.id, inPool, new Date(), false);
    });
    const after = new Map(
      (
        (await on.db.query(
          `SELECT id, status, attempts, next_action_at, ai_paused FROM campaign_enrollments WHERE campaign_id = $1`,
          [campaign.id],
        )) as { id: string }[]
      ).map((r) => [r.id, r]),
    );
    expect(after.get(onCall)).toMatchObject({
      status: 'in_progress',
      attempts: 1,
      next_action_at: null,
      ai_paused: false,
    });
    expect(after.get(inPool)).toMatchObject({ status: 'waiting', ai_paused: false });
  });

  it('a deleted campaign is not made active again by a retry of its last send, nor completed by the sweep', async () => {
    const campaign = await insertCampaignRows(on.db, t.id, {
      leadIds: [await lead()],
      steps: [{ type: 'SMS', content: 'Hello' }],
      status: 'completed',
    });
    const e = await enrollment(campaign.id);
    await on.db.query(
      `UPDATE campaign_enrollments SET status = 'completed', current_step = 1 WHERE id = $1`,
      [e.id],
    );
    await on.db.query(`UPDATE campaigns SET archived_at = now() WHERE id = $1`, [campaign.id]);
    const enrollments = on.api.app.get(EnrollmentsRepository);
    const retried = await enrollments.retry(
      { tenantId: t.id, campaignId: campaign.id, id: e.id, after: 1 },
      0,
      1,
      new Date(),
      new Date(),
    );
    expect(retried).toEqual({ moved: false, reopened: false });
    expect(await campaignStatus(campaign.id)).toBe('completed');
    expect(await enrollment(campaign.id)).toMatchObject({ status: 'completed' });
    // An archived campaign left active with nothing to do is not the sweep's either.
    await on.db.query(`UPDATE campaigns SET status = 'active' WHERE id = $1`, [campaign.id]);
    expect((await enrollments.finishedCampaigns()).map((c) => c.id)).not.toContain(campaign.id);
  });

  it('a send that failed while its campaign was paused is retried: its enrollment waits for the resume', async () => {
    const campaign = await insertCampaignRows(on.db, t.id, {
      leadIds: [await lead()],
      steps: [
        { type: 'SMS', content: 'Hello' },
        { type: 'SMS', content: 'Again' },
      ],
      status: 'paused',
    });
    const e = await enrollment(campaign.id);
    await on.db.query(`UPDATE campaign_enrollments SET status = 'waiting', current_step = 1 WHERE id = $1`, [
      e.id,
    ]);
    const retried = await on.api.app
      .get(EnrollmentsRepository)
      .retry({ tenantId: t.id, campaignId: campaign.id, id: e.id, after: 1 }, 0, 1, new Date(), new Date());
    expect(retried).toEqual({ moved: true, reopened: false });
    expect(await enrollment(campaign.id)).toMatchObject({ status: 'waiting', current_step: 0, attempts: 1 });
    expect(await campaignStatus(campaign.id)).toBe('paused');
  });

  it('a campaign an import still enrolls into is not complete; once the import ends, the tick completes it', async () => {
    const campaign = await insertCampaignRows(on.db, t.id, {
      leadIds: [await lead()],
      steps: [{ type: 'SMS', content: 'Hello' }],
    });
    await on.db.query(
      `UPDATE campaign_enrollments SET status = 'completed', current_step = 1 WHERE campaign_id = $1`,
      [campaign.id],
    );
    const [imp] = await on.db.query(
      `INSERT INTO lead_imports (tenant_id, kind, status, file_name, encoding, delimiter, columns, options)
       VALUES ($1, 'leads', 'running', 'more.csv', 'utf-8', ',', '[]', $2) RETURNING id`,
      [
        t.id,
        JSON.stringify({ default_country: null, on_duplicate: 'skip', tags: [], campaign_id: campaign.id }),
      ],
    );
    const enrollments = on.api.app.get(EnrollmentsRepository);
    expect((await enrollments.finishedCampaigns()).map((c) => c.id)).not.toContain(campaign.id);
    expect(await enrollments.completeIfDone(t.id, campaign.id, new Date())).toBe(false);
    const scheduler = on.api.app.get(CampaignSchedulerService);
    await scheduler.tick();
    expect(await campaignStatus(campaign.id)).toBe('active');
    await on.db.query(`UPDATE lead_imports SET status = 'completed' WHERE id = $1`, [imp.id]);
    await scheduler.tick();
    expect(await campaignStatus(campaign.id)).toBe('completed');
  });
});
