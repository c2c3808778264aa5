import { createDaytimeLead, createTenant, insertCampaignRows, TestTenant, useTestApi } from '@app/testing';
import { MessageSenderService } from '../messaging/message-sender.service';
import { CampaignSchedulerService } from './campaign-scheduler.service';
import { CampaignStepRunner } from './campaign-step-runner.service';

/**
 * A step waits for the message of the step before it to leave the sender's queue: an SMS step followed at once by an
 * EMAIL step sends the email only after the SMS was tried, however long the SMS waits there (a throttled backlog, a
 * wait for the lead's window). Another campaign's message to the same lead holds nothing. A DELAY between two steps
 * counts from when the first one's message went. The scheduler's tick and
 * the sender are called as their jobs would call them (no worker runs here).
 */
describe('step order across channels (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;
  let phone = 0;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  async function lead(): Promise<string> {
    phone += 1;
    return createDaytimeLead(api.http, t, {
      first_name: 'Ordered',
      phone: `+1415555${String(4200 + phone).padStart(4, '0')}`,
      email: `ordered${phone}@example.com`,
    });
  }

  const enrollmentOf = async (campaignId: string, leadId: string) =>
    (
      await api.db.query(
        `SELECT status, current_step FROM campaign_enrollments WHERE campaign_id = $1 AND lead_id = $2`,
        [campaignId, leadId],
      )
    )[0] as { status: string; current_step: number };
  const messagesOf = async (campaignId: string, leadId: string) =>
    (await api.db.query(
      `SELECT id, channel, status FROM messages WHERE campaign_id = $1 AND lead_id = $2 ORDER BY created_at`,
      [campaignId, leadId],
    )) as { id: string; channel: string; status: string }[];
  const tick = () => api.app.get(CampaignSchedulerService).tick();
  /** The campaign's enrollments claimed (`queued`) at their first turn, as the scheduler would: their ids. */
  const queued = async (campaignId: string) =>
    (
      (await api.db.query(
        `UPDATE campaign_enrollments SET status = 'queued' WHERE campaign_id = $1 RETURNING id`,
        [campaignId],
      )) as [{ id: string }[], number]
    )[0].map((e) => e.id);
  /** Runs each enrollment's first attempt at `step` in one step job, as a worker would. */
  const runTurns = (ids: string[], step: number) =>
    api.app.get(CampaignStepRunner).run({
      tenant_id: t.id,
      turns: ids.map((id) => ({ enrollment_id: id, step, attempt: 1 })),
    });

  it("claims the next step only once the previous step's message has left the sender's queue", async () => {
    const [sent, waiting] = [await lead(), await lead()];
    const campaign = await insertCampaignRows(api.db, t.id, {
      leadIds: [sent, waiting],
      steps: [
        { type: 'SMS', content: 'First the text' },
        { type: 'EMAIL', content: 'Then the email' },
      ],
    });
    await runTurns(await queued(campaign.id), 0);
    // Both SMS are made and queued; both enrollments wait at the email step, due now.
    for (const leadId of [sent, waiting]) {
      expect(await enrollmentOf(campaign.id, leadId)).toEqual({ status: 'waiting', current_step: 1 });
      expect(await messagesOf(campaign.id, leadId)).toEqual([
        expect.objectContaining({ channel: 'sms', status: 'queued' }),
      ]);
    }
    // Another campaign's first step to the lead whose SMS waits is not held by it.
    const other = await insertCampaignRows(api.db, t.id, {
      leadIds: [waiting],
      steps: [{ type: 'SMS', content: 'Another campaign' }],
      due: api.clock.now(),
    });

    const [sms] = await messagesOf(campaign.id, sent);
    await api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: sms.id });
    expect((await messagesOf(campaign.id, sent))[0].status).not.toBe('queued');
    await tick();
    await tick();

    expect(await enrollmentOf(campaign.id, sent)).toEqual({ status: 'queued', current_step: 1 });
    expect(await enrollmentOf(campaign.id, waiting)).toEqual({ status: 'waiting', current_step: 1 });
    expect(await messagesOf(campaign.id, waiting)).toEqual([
      expect.objectContaining({ channel: 'sms', status: 'queued' }),
    ]);
    expect(await enrollmentOf(other.id, waiting)).toEqual({ status: 'queued', current_step: 0 });

    // The sender tries the waiting SMS: the next tick claims its email step.
    await api.db.query(`UPDATE messages SET status = 'sent' WHERE campaign_id = $1 AND lead_id = $2`, [
      campaign.id,
      waiting,
    ]);
    await tick();
    expect(await enrollmentOf(campaign.id, waiting)).toEqual({ status: 'queued', current_step: 1 });
  });

  it('counts a DELAY from when the step before it was sent, not from when it was made', async () => {
    const leadId = await lead();
    const campaign = await insertCampaignRows(api.db, t.id, {
      leadIds: [leadId],
      steps: [
        { type: 'SMS', content: 'First the text' },
        { type: 'DELAY', delay_minutes: 10 },
        { type: 'EMAIL', content: 'Ten minutes after the text' },
      ],
    });
    const ids = await queued(campaign.id);
    await runTurns(ids, 0);
    expect(await enrollmentOf(campaign.id, leadId)).toEqual({ status: 'waiting', current_step: 2 });
    // The SMS waits its turn at the sender for 6 minutes, then goes.
    api.clock.advance(6 * 60_000);
    const [sms] = await messagesOf(campaign.id, leadId);
    await api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: sms.id });
    const [{ sent_at: sentAt }] = (await api.db.query(`SELECT sent_at FROM messages WHERE id = $1`, [
      sms.id,
    ])) as {
      sent_at: Date;
    }[];
    expect(sentAt).not.toBeNull();

    // 11 minutes after the SMS was made, 5 after it went: the email step's turn comes, and waits until 10 minutes
    // after the SMS went, writing nothing.
    api.clock.advance(5 * 60_000);
    await tick();
    expect(await enrollmentOf(campaign.id, leadId)).toEqual({ status: 'queued', current_step: 2 });
    await runTurns(ids, 2);
    expect(await enrollmentOf(campaign.id, leadId)).toEqual({ status: 'waiting', current_step: 2 });
    const [{ next_action_at: due }] = (await api.db.query(
      `SELECT next_action_at FROM campaign_enrollments WHERE id = $1`,
      ids,
    )) as { next_action_at: Date }[];
    expect(due.getTime()).toBe(sentAt.getTime() + 10 * 60_000);
    expect(await messagesOf(campaign.id, leadId)).toHaveLength(1);
    await tick();
    expect(await enrollmentOf(campaign.id, leadId)).toEqual({ status: 'waiting', current_step: 2 });

    // 10 minutes after the SMS went: the email goes.
    api.clock.set(due);
    await tick();
    expect(await enrollmentOf(campaign.id, leadId)).toEqual({ status: 'queued', current_step: 2 });
    await runTurns(ids, 2);
    expect(await messagesOf(campaign.id, leadId)).toEqual([
      expect.objectContaining({ channel: 'sms' }),
      expect.objectContaining({ channel: 'email', status: 'queued' }),
    ]);
  });
});
