import { loadConfig } from '@app/config';
import { JobPayloads, JobProducer, QueueName } from '@app/queues';
import {
  createTenant,
  createTestApi,
  createTestWorker,
  insertCampaignRows,
  TestApi,
  TestTenant,
  testEnv,
  TestWorker,
  waitFor,
  zoneInDaytime,
} from '@app/testing';
import Bull, { type Job } from 'bull';
import { DataSource } from 'typeorm';
import { MessageSenderService } from '../messaging/message-sender.service';
import { CampaignStepJob } from './campaign-step-job';

/**
 * The refill the sends ask for (`campaigns.refill`, CampaignBackPressure.refilling) with CAMPAIGN_MAX_UNSENT 2, run
 * by two real workers of the campaign-steps queue: a refill asked while the campaign's refill job runs is not lost.
 * The sends are the test's own (no worker takes outbound messages), and the tick is off.
 */
describe('campaign refill (integration)', () => {
  let api: TestApi;
  let workers: TestWorker[] = [];
  let db: DataSource;
  let t: TestTenant;

  beforeAll(async () => {
    const vars = testEnv({ CAMPAIGN_MAX_UNSENT: '2' });
    api = await createTestApi({ config: loadConfig(vars) });
    const config = loadConfig({ ...vars, WORKER_QUEUES: QueueName.CampaignSteps });
    workers = await Promise.all([1, 2].map(() => createTestWorker({ config, clock: api.clock })));
    db = api.app.get(DataSource);
    t = await createTenant(api.http);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await api?.close();
  });

  let phone = 0;
  async function leads(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      phone += 1;
      const number = `+1415556${String(1000 + phone).padStart(4, '0')}`;
      const [row] = (await db.query(
        `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, timezone)
         VALUES ($1, 'Refilled', $2, $2, $3) RETURNING id`,
        [t.id, number, zoneInDaytime()],
      )) as { id: string }[];
      ids.push(row.id);
    }
    return ids;
  }

  const messagesOf = async (campaignId: string) =>
    (await db.query(`SELECT id FROM messages WHERE campaign_id = $1 ORDER BY created_at, id`, [
      campaignId,
    ])) as { id: string }[];
  const pending = async (campaignId: string) =>
    (
      (await db.query(
        `SELECT count(*)::int AS n FROM campaign_enrollments WHERE campaign_id = $1 AND status = 'pending'`,
        [campaignId],
      )) as { n: number }[]
    )[0].n;
  /** The campaign's refill jobs still to run or running (a job listed and gone before it is read is null). */
  const refills = async (campaignId: string): Promise<Job[]> =>
    (await api.app.get(JobProducer).queue(QueueName.CampaignSteps).getJobs(['waiting', 'active'])).filter(
      (job: Job | null) =>
        job?.name === 'campaigns.refill' &&
        (job.data as JobPayloads['campaigns.refill']).campaign_id === campaignId,
    );

  /**
   * A one-SMS campaign of six due leads whose first two are claimed and made, as the scheduler and a step job
   * would: the campaign is full. `sendAll` tries its messages not yet tried, as the sender would.
   */
  async function fullCampaign() {
    const campaign = await insertCampaignRows(db, t.id, {
      leadIds: await leads(6),
      steps: [{ type: 'SMS', content: 'Hi {{first_name}}' }],
    });
    const first = (await db.query(
      `UPDATE campaign_enrollments SET status = 'queued', updated_at = $2
        WHERE id IN (SELECT id FROM campaign_enrollments WHERE campaign_id = $1 ORDER BY id LIMIT 2) RETURNING id`,
      [campaign.id, api.clock.now()],
    )) as [{ id: string }[], number];
    await api.app.get(CampaignStepJob).run({
      tenant_id: t.id,
      campaign_id: campaign.id,
      queued_at: api.clock.now().toISOString(),
      turns: first[0].map((e) => ({ enrollment_id: e.id, step: 0, attempt: 1 })),
    });
    const sender = api.app.get(MessageSenderService);
    const sendAll = async () => {
      for (const m of await messagesOf(campaign.id)) await sender.run({ tenant_id: t.id, message_id: m.id });
    };
    /** Once the step job the refill queued has made its two messages (a worker runs it), they are tried. */
    const sendRefilled = async () => {
      await waitFor(
        async () => (await messagesOf(campaign.id)).length === 4,
        10_000,
        'the messages of the step job the refill queued',
      );
      await sendAll();
    };
    return { id: campaign.id, sendAll, sendRefilled };
  }

  /** Both first messages tried (a refill is asked: the room is back, nothing parked), then its job(s) run. */
  async function refillAfter(campaign: { id: string; sendAll(): Promise<void> }, raced: () => boolean) {
    await campaign.sendAll();
    await waitFor(async () => raced() && (await refills(campaign.id)).length === 0, 20_000, 'the refill');
  }

  it('claims the room the sends free while its refill job runs, once that job has read the room', async () => {
    const campaign = await fullCampaign();
    // The refill job has claimed the room (two) and queued their step job; before it ends, their two messages are
    // made and tried, which frees the room again and asks for a refill.
    let raced = false;
    const spies = workers.map((worker) => {
      const producer = worker.app.get(JobProducer);
      const enqueueBulk = producer.enqueueBulk.bind(producer);
      return jest.spyOn(producer, 'enqueueBulk').mockImplementation(async (...args) => {
        const ids = await enqueueBulk(...args);
        if (!raced) {
          raced = true;
          await campaign.sendRefilled();
        }
        return ids;
      });
    });
    try {
      await refillAfter(campaign, () => raced);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    // The last two were claimed after the ask the job would have missed: none waits for the tick.
    expect(await pending(campaign.id)).toBe(0);
  });

  it('runs a refill asked after its job has ended its work, while Bull still holds that job', async () => {
    const campaign = await fullCampaign();
    // The refill job has done its work (claimed two, queued their step job, looked for asks) and is not yet
    // completed in Bull when their two messages are made and tried: the ask queues a new job, which a worker runs.
    let raced = false;
    const job = (Bull as unknown as { Job: { prototype: Job } }).Job.prototype;
    const complete = job.moveToCompleted;
    const spy = jest.spyOn(job, 'moveToCompleted').mockImplementation(async function (this: Job, ...args) {
      if (!raced && this.name === 'campaigns.refill' && this.data.campaign_id === campaign.id) {
        raced = true;
        await campaign.sendRefilled();
      }
      return complete.apply(this, args);
    });
    try {
      await refillAfter(campaign, () => raced);
    } finally {
      spy.mockRestore();
    }
    expect(await pending(campaign.id)).toBe(0);
  });
});
