import { SimulatorMessagingAdapter } from '@app/providers';
import {
  createTenant,
  insertCampaignRows,
  insertCampaignStepMessage,
  TestTenant,
  useTestApi,
  zoneInDaytime,
} from '@app/testing';
import { MessageSenderService } from '../messaging/message-sender.service';
import { MessagesRepository } from '../messaging/messages.repository';
import { CampaignRetriesService } from './campaign-retries.service';
import { CampaignStepRunner } from './campaign-step-runner.service';

/**
 * A campaign's schedule_end stops its sends, every one: a last step's message still queued (a throttled backlog, a
 * pause) whose lead's sequence was over already is dropped like the rest, by the sender's gate and by the claim,
 * instead of going out once the campaign completed at its end; nor does a send that fails after the end reopen the
 * campaign for a retry; nor does a step job that runs after the end (a backlog of them) write its message and move
 * the sequence on. Each service is called as its job calls it.
 */
describe("a campaign's sends after its schedule_end (integration)", () => {
  const api = useTestApi();
  let t: TestTenant;
  let phone = 0;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });
  afterEach(() => jest.restoreAllMocks());

  /** A one-SMS campaign in `status` ending at `end`, its lead's sequence over, the step's message still queued. */
  async function queuedLastStep(status: string, end: Date) {
    phone += 1;
    const created = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Eve', phone: `+1415555${7100 + phone}`, timezone: zoneInDaytime() });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;
    const { campaignId, messageId, key } = await insertCampaignStepMessage(api.db, t.id, {
      leadId,
      status: 'queued',
      content: 'Last call',
      campaign: { status },
    });
    await api.db.query(`UPDATE campaigns SET schedule_end = $2 WHERE id = $1`, [campaignId, end]);
    const state = async () =>
      (await api.db.query(`SELECT status, error_code FROM messages WHERE id = $1`, [messageId]))[0];
    return { id: messageId, campaignId, key, state };
  }

  const minutes = (n: number) => new Date(api.clock.nowMs() + n * 60_000);

  it('a completed campaign past its end drops the queued message; one whose end is ahead sends it', async () => {
    const sends = jest.spyOn(SimulatorMessagingAdapter.prototype, 'send');
    const sender = api.app.get(MessageSenderService);
    const ended = await queuedLastStep('completed', minutes(-1));
    await sender.run({ tenant_id: t.id, message_id: ended.id });
    expect(await ended.state()).toEqual({ status: 'failed', error_code: 'campaign:schedule_ended' });
    expect(sends).not.toHaveBeenCalled();

    const running = await queuedLastStep('active', minutes(30));
    await sender.run({ tenant_id: t.id, message_id: running.id });
    expect((await running.state()).status).not.toBe('queued');
    expect(sends).toHaveBeenCalledTimes(1);
  });

  it('the claim refuses a send whose campaign ended after the sender asked its gate', async () => {
    const messages = api.app.get(MessagesRepository);
    const ended = await queuedLastStep('completed', minutes(-1));
    expect(await messages.claim(t.id, ended.id, 'simulator', api.clock.now())).toBe(false);
    expect(await ended.state()).toEqual({ status: 'queued', error_code: null });
    const running = await queuedLastStep('active', minutes(30));
    expect(await messages.claim(t.id, running.id, 'simulator', api.clock.now())).toBe(true);
  });

  it('a send that fails after the end is not retried: the campaign its end completed stays completed', async () => {
    const ended = await queuedLastStep('completed', minutes(-1));
    await api.db.query(`UPDATE messages SET status = 'failed', error_code = '30003' WHERE id = $1`, [
      ended.id,
    ]);
    await api.app.get(CampaignRetriesService).onFailed(t.id, ended.key, '30003');
    const [row] = await api.db.query(
      `SELECT c.status, e.status AS enrollment, e.current_step FROM campaigns c
         JOIN campaign_enrollments e ON e.campaign_id = c.id WHERE c.id = $1`,
      [ended.campaignId],
    );
    expect(row).toEqual({ status: 'completed', enrollment: 'completed', current_step: 1 });
  });

  it('a step job that runs after the end writes no message and leaves its turn waiting for the tick to stop it', async () => {
    phone += 1;
    const created = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Ada', phone: `+1415555${7100 + phone}`, timezone: zoneInDaytime() });
    expect(created.status).toBe(201);
    const campaign = await insertCampaignRows(api.db, t.id, {
      leadIds: [created.body.data.id as string],
      steps: [{ type: 'SMS', content: 'Too late' }],
    });
    await api.db.query(`UPDATE campaigns SET schedule_end = $2 WHERE id = $1`, [campaign.id, minutes(-1)]);
    await api.db.query(`UPDATE campaign_enrollments SET status = 'queued' WHERE campaign_id = $1`, [
      campaign.id,
    ]);
    const [e] = await api.db.query(`SELECT id FROM campaign_enrollments WHERE campaign_id = $1`, [
      campaign.id,
    ]);

    await api.app
      .get(CampaignStepRunner)
      .run({ tenant_id: t.id, turns: [{ enrollment_id: e.id, step: 0, attempt: 1 }] });

    expect(await api.db.query(`SELECT id FROM messages WHERE campaign_id = $1`, [campaign.id])).toEqual([]);
    const [enrollment] = await api.db.query(
      `SELECT status, current_step, attempts FROM campaign_enrollments WHERE id = $1`,
      [e.id],
    );
    expect(enrollment).toEqual({ status: 'waiting', current_step: 0, attempts: 0 });
  });
});
