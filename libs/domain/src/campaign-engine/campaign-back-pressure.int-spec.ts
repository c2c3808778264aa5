import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { JobPayloads, JobProducer, QueueName } from '@app/queues';
import {
  apiOnIsolatedDatabase,
  createTenant,
  insertCampaignRows,
  monitorRedis,
  TestApi,
  TestTenant,
  zoneInDaytime,
} from '@app/testing';
import type { Job } from 'bull';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { MessageSenderService } from '../messaging/message-sender.service';
import { CampaignBackPressure, stepMessageKey } from './campaign-back-pressure';
import { CampaignEndings } from './campaign-endings';
import { CampaignSchedulerService } from './campaign-scheduler.service';
import { CampaignStepJob } from './campaign-step-job';
import { EnrollmentsRepository } from './enrollments.repository';

type StepJob = JobPayloads['campaigns.step'];

const STALE_MS = 600_000;

/**
 * Back-pressure between a campaign's steps and its sends (CAMPAIGN_MAX_UNSENT, here 2): a step job past the bound
 * makes nothing and waits parked, its turns still `queued`; sends free the room and the tick's refill promotes it;
 * the tick claims no more than the room; the stale sweep leaves a parked job's turns alone (the job stamps them)
 * and still takes a lost job's. No worker runs here: each job is run as its worker would. On a database of its
 * own: the tick and the sweep read every tenant's campaigns.
 */
describe('campaign back-pressure (integration)', () => {
  const on = apiOnIsolatedDatabase({
    CAMPAIGN_MAX_UNSENT: '2',
    CAMPAIGN_STALE_QUEUED_MS: String(STALE_MS),
  });
  let api: TestApi;
  let db: DataSource;
  let t: TestTenant;
  let phone = 0;

  beforeAll(async () => {
    ({ api, db } = on);
    t = await createTenant(api.http);
  });

  async function leads(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      phone += 1;
      const number = `+1415555${String(4000 + phone).padStart(4, '0')}`;
      const [row] = (await db.query(
        `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, timezone)
         VALUES ($1, 'Pressed', $2, $2, $3) RETURNING id`,
        [t.id, number, zoneInDaytime()],
      )) as { id: string }[];
      ids.push(row.id);
    }
    return ids;
  }

  /** A one-SMS campaign of `n` leads whose enrollments are claimed (`queued` at `at`): one job per two of them. */
  async function claimedCampaign(n: number, at: Date): Promise<{ id: string; jobs: StepJob[] }> {
    const campaign = await insertCampaignRows(db, t.id, {
      leadIds: await leads(n),
      steps: [{ type: 'SMS', content: 'Hi {{first_name}}' }],
    });
    const rows = (await db.query(
      `UPDATE campaign_enrollments SET status = 'queued', updated_at = $2 WHERE campaign_id = $1 RETURNING id`,
      [campaign.id, at],
    )) as [{ id: string }[], number];
    const ids = rows[0].map((r) => r.id).sort();
    const jobs: StepJob[] = [];
    for (let i = 0; i < ids.length; i += 2) {
      jobs.push({
        tenant_id: t.id,
        campaign_id: campaign.id,
        queued_at: at.toISOString(),
        turns: ids.slice(i, i + 2).map((id) => ({ enrollment_id: id, step: 0, attempt: 1 })),
      });
    }
    return { id: campaign.id, jobs };
  }

  const messagesOf = async (campaignId: string) =>
    (await db.query(`SELECT id FROM messages WHERE campaign_id = $1 ORDER BY id`, [campaignId])) as {
      id: string;
    }[];
  const statuses = async (ids: string[]) =>
    (
      (await db.query(`SELECT status FROM campaign_enrollments WHERE id = ANY($1::uuid[])`, [ids])) as {
        status: string;
      }[]
    ).map((r) => r.status);
  const statusCounts = async (campaignId: string): Promise<Record<string, number>> =>
    Object.fromEntries(
      (
        (await db.query(
          `SELECT status, count(*)::int AS n FROM campaign_enrollments WHERE campaign_id = $1 GROUP BY status`,
          [campaignId],
        )) as { status: string; n: number }[]
      ).map((r) => [r.status, r.n]),
    );
  const enrollmentIds = (job: StepJob) => job.turns.map((turn) => turn.enrollment_id);
  /** The campaign's jobs named `name` waiting in the campaign-steps queue (no worker runs them here). */
  const queued = async (name: string, campaignId: string): Promise<Job[]> =>
    (await api.app.get(JobProducer).queue(QueueName.CampaignSteps).getWaiting()).filter(
      (job: Job) => job.name === name && (job.data as { campaign_id?: string }).campaign_id === campaignId,
    );
  const campaignStatus = async (id: string) =>
    ((await db.query(`SELECT status FROM campaigns WHERE id = $1`, [id])) as { status: string }[])[0].status;
  const messageStatus = async (id: string) =>
    ((await db.query(`SELECT status FROM messages WHERE id = $1`, [id])) as { status: string }[])[0].status;
  /** How many of the campaign's back-pressure keys are in Redis. */
  const keysOf = (campaignId: string) => {
    const config = api.app.get(AppConfig);
    const kinds = ['unsent', 'parked', 'tried', 'refills'];
    return api.app
      .get<Redis>(REDIS)
      .exists(...kinds.map((kind) => config.redisKey('campaigns', kind, campaignId)));
  };
  /** The campaign's step jobs waiting in Bull's delayed set. */
  const parked = async (campaignId: string): Promise<Job[]> =>
    (await api.app.get(JobProducer).queue(QueueName.CampaignSteps).getDelayed()).filter(
      (job: Job) => (job.data as StepJob).campaign_id === campaignId,
    );

  it('parks a step job past the bound, and promotes it once the sends have tried the messages ahead of it', async () => {
    const { id, jobs } = await claimedCampaign(4, api.clock.now());
    const steps = api.app.get(CampaignStepJob);
    await steps.run(jobs[0]);
    const made = await messagesOf(id);
    expect(made).toHaveLength(2);

    // Two messages made and not yet tried: the campaign is full, and the next job makes nothing.
    await steps.run(jobs[1]);
    expect(await messagesOf(id)).toHaveLength(2);
    expect(await statuses(enrollmentIds(jobs[1]))).toEqual(['queued', 'queued']);
    const [waiting, ...more] = await parked(id);
    expect(more).toEqual([]);
    expect((waiting.data as StepJob).turns).toEqual(jobs[1].turns);
    const backPressure = api.app.get(CampaignBackPressure);
    expect(await backPressure.refill(id)).toBe(0);
    expect(await waiting.getState()).toBe('delayed');

    // The sender tries one: room comes back, short of a job's worth (the sends promote nothing), and the tick's
    // refill promotes the parked job.
    const sender = api.app.get(MessageSenderService);
    await sender.run({ tenant_id: t.id, message_id: made[0].id });
    expect(await waiting.getState()).toBe('delayed');
    expect(await backPressure.refill(id)).toBe(0);
    expect(await waiting.getState()).toBe('waiting');
    await steps.run(waiting.data as StepJob);
    expect(await messagesOf(id)).toHaveLength(4);
    await waiting.remove();
  });

  it('promotes a job parked again after waking by itself, not the id of its earlier copy', async () => {
    const { id, jobs } = await claimedCampaign(4, api.clock.now());
    const steps = api.app.get(CampaignStepJob);
    await steps.run(jobs[0]);
    const made = await messagesOf(id);
    await steps.run(jobs[1]);
    // The parked copy comes due while the campaign is still full: it runs as its worker would, and parks again.
    const [first] = await parked(id);
    await first.promote();
    await steps.run(first.data as StepJob, first);
    await first.remove();
    const [again, ...more] = await parked(id);
    expect(more).toEqual([]);

    const sender = api.app.get(MessageSenderService);
    await sender.run({ tenant_id: t.id, message_id: made[0].id });
    expect(await api.app.get(CampaignBackPressure).refill(id)).toBe(0);
    expect(await again.getState()).toBe('waiting');
    await again.remove();
  });

  it("promotes a parked job as the sends make a job's worth of room, with a bound under 50 too", async () => {
    const { id, jobs } = await claimedCampaign(4, api.clock.now());
    const steps = api.app.get(CampaignStepJob);
    await steps.run(jobs[0]);
    const made = await messagesOf(id);
    await steps.run(jobs[1]);
    const [waiting] = await parked(id);

    // Both tried (a job's worth here: the bound, 2): the sender promotes the parked job, with no tick.
    const sender = api.app.get(MessageSenderService);
    for (const m of made) await sender.run({ tenant_id: t.id, message_id: m.id });
    expect(await waiting.getState()).toBe('waiting');
    await waiting.remove();
  });

  it('claims due enrollments as the sends make room, without the tick (a campaign resumed after a long pause)', async () => {
    const campaign = await insertCampaignRows(db, t.id, {
      leadIds: await leads(4),
      steps: [{ type: 'SMS', content: 'Hi {{first_name}}' }],
    });
    for (const action of ['pause', 'resume'])
      expect(
        (await api.http.post(`/api/campaigns/${campaign.id}/${action}`).set(t.admin.headers)).status,
      ).toBe(200);
    // The resume's fan-out, as the worker runs it: it claims the room (2), one step job.
    const [fanout] = await queued('campaigns.fanout', campaign.id);
    await api.app.get(CampaignSchedulerService).fanout(fanout.data as JobPayloads['campaigns.fanout']);
    await fanout.remove();
    expect(await statusCounts(campaign.id)).toEqual({ pending: 2, queued: 2 });
    const [step] = await queued('campaigns.step', campaign.id);
    await api.app.get(CampaignStepJob).run(step.data as StepJob, step);
    await step.remove();

    // Its two messages tried: the room is back and nothing is parked, so the next two are claimed now.
    const sender = api.app.get(MessageSenderService);
    for (const m of await messagesOf(campaign.id)) await sender.run({ tenant_id: t.id, message_id: m.id });
    const [refill, ...more] = await queued('campaigns.refill', campaign.id);
    expect(more).toEqual([]);
    expect(
      await api.app.get(CampaignSchedulerService).refill(refill.data as JobPayloads['campaigns.refill']),
    ).toBe(2);
    await refill.remove();
    expect((await statusCounts(campaign.id)).pending).toBeUndefined();
    for (const job of await queued('campaigns.step', campaign.id)) await job.remove();
  });

  it('counts the messages a process tried together in one script, and still promotes the parked job', async () => {
    const { id, jobs } = await claimedCampaign(4, api.clock.now());
    const steps = api.app.get(CampaignStepJob);
    await steps.run(jobs[0]);
    await steps.run(jobs[1]);
    const [waiting] = await parked(id);
    const backPressure = api.app.get(CampaignBackPressure);
    const unsent = api.app.get(AppConfig).redisKey('campaigns', 'unsent', id);
    let scripts = 0;
    const monitor = await monitorRedis(api.app.get(AppConfig).redis.url, (args) => {
      if (args[0].toLowerCase().startsWith('eval') && args[3] === unsent) scripts++;
    });
    try {
      // Five sends of this process finish at once: the two messages made, tried, and three turns back in the line
      // (of the parked job: not in the set, so nothing to keep). The first goes at once; the four that come while
      // it runs go together in one more script, not one each.
      const made = jobs[0].turns.map(stepMessageKey);
      const inLine = [...jobs[1].turns.map(stepMessageKey), 'campaign:elsewhere:0:1'];
      await Promise.all([
        ...made.map((key) => backPressure.attempted(t.id, id, key, false)),
        ...inLine.map((key) => backPressure.attempted(t.id, id, key, true)),
      ]);
      // The monitor's lines come on a connection of their own: those of the last script have had time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      monitor.stop();
    }
    expect(scripts).toBe(2);
    // Both made messages tried, a job's worth (the bound, 2) with the room free: the parked job is promoted.
    expect(await waiting.getState()).toBe('waiting');
    expect(await api.app.get<Redis>(REDIS).zcard(unsent)).toBe(0);
    await waiting.remove();
  });

  it("removes a cancelled campaign's parked jobs and its keys", async () => {
    const { id, jobs } = await claimedCampaign(4, api.clock.now());
    const steps = api.app.get(CampaignStepJob);
    await steps.run(jobs[0]);
    await steps.run(jobs[1]);
    expect(await parked(id)).toHaveLength(1);
    expect((await api.http.post(`/api/campaigns/${id}/cancel`).set(t.admin.headers)).status).toBe(200);

    // The cancel's job, as the worker runs it.
    const [forget, ...more] = await queued('campaigns.forget', id);
    expect(more).toEqual([]);
    expect(
      await api.app.get(CampaignBackPressure).forget(forget.data as JobPayloads['campaigns.forget']),
    ).toBe(1);
    await forget.remove();
    expect(await parked(id)).toEqual([]);
    expect(await keysOf(id)).toBe(0);
  });

  it("deletes a campaign's parked jobs and keys as its schedule ends it, and a send tried later writes none", async () => {
    const { id, jobs } = await claimedCampaign(4, api.clock.now());
    const steps = api.app.get(CampaignStepJob);
    await steps.run(jobs[0]);
    await steps.run(jobs[1]);
    const [tried, late] = await messagesOf(id);
    const sender = api.app.get(MessageSenderService);
    await sender.run({ tenant_id: t.id, message_id: tried.id });
    // One message unsent, one job parked, one message tried (short of a job's worth).
    expect(await keysOf(id)).toBe(3);

    // The tick's end of schedules, as the worker runs it.
    await db.query(`UPDATE campaigns SET schedule_end = $2 WHERE id = $1`, [id, api.clock.now()]);
    await api.app.get(CampaignEndings).endSchedules(api.clock.now());
    expect(await campaignStatus(id)).toBe('completed');
    expect(await parked(id)).toEqual([]);
    expect(await keysOf(id)).toBe(0);
    // The message still queued is dropped by the sender's gate: tried, it counts nowhere, and writes no key again.
    await sender.run({ tenant_id: t.id, message_id: late.id });
    expect(await messageStatus(late.id)).toBe('failed');
    expect(await keysOf(id)).toBe(0);
  });

  it("deletes a campaign's keys as it completes once its last message is tried", async () => {
    const { id, jobs } = await claimedCampaign(1, api.clock.now());
    await api.app.get(CampaignStepJob).run(jobs[0]);
    const [made] = await messagesOf(id);
    await api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: made.id });
    // Tried, short of a job's worth: its count stays.
    expect(await keysOf(id)).toBe(1);

    // The tick's completion of finished campaigns, as the worker runs it.
    await api.app.get(CampaignEndings).completeFinished(api.clock.now());
    expect(await campaignStatus(id)).toBe('completed');
    expect(await keysOf(id)).toBe(0);
  });

  it('keeps the unsent set as long as its newest entry, whichever write made it', async () => {
    const { id, jobs } = await claimedCampaign(2, api.clock.now());
    const backPressure = api.app.get(CampaignBackPressure);
    const redis = api.app.get<Redis>(REDIS);
    const unsent = api.app.get(AppConfig).redisKey('campaigns', 'unsent', id);
    const keys = jobs[0].turns.map(stepMessageKey);
    // Each write below comes as if the admission that set the expiry were nearly ten minutes old (5 s left).
    expect(await backPressure.admit(jobs[0])).toBe(true);
    await redis.pexpire(unsent, 5000);
    await backPressure.release(jobs[0], new Set(keys));
    expect(await redis.pttl(unsent)).toBeGreaterThan(9 * 60_000);
    await redis.pexpire(unsent, 5000);
    await backPressure.attempted(t.id, id, keys[0], true);
    expect(await redis.pttl(unsent)).toBeGreaterThan(9 * 60_000);
    await redis.del(unsent);
  });

  it('counts a message looked up after its sender died as tried', async () => {
    const { id, jobs } = await claimedCampaign(4, api.clock.now());
    const steps = api.app.get(CampaignStepJob);
    await steps.run(jobs[0]);
    const made = await messagesOf(id);
    // Both claimed for the provider by a worker killed before it answered: the next try looks them up instead.
    await db.query(`UPDATE messages SET status = 'sending' WHERE campaign_id = $1`, [id]);
    const sender = api.app.get(MessageSenderService);
    for (const m of made) await sender.run({ tenant_id: t.id, message_id: m.id });
    expect(
      (
        (await db.query(`SELECT status FROM messages WHERE campaign_id = $1`, [id])) as { status: string }[]
      ).some((m) => m.status === 'sending'),
    ).toBe(false);

    await steps.run(jobs[1]);
    expect(await messagesOf(id)).toHaveLength(4);
    expect(await parked(id)).toEqual([]);
  });

  it('claims no more due enrollments than the campaign has room for', async () => {
    const campaign = await insertCampaignRows(db, t.id, {
      leadIds: await leads(5),
      steps: [{ type: 'SMS', content: 'Hi {{first_name}}' }],
    });
    await api.app.get(CampaignSchedulerService).tick();
    const rows = (await db.query(
      `SELECT status, count(*)::int AS n FROM campaign_enrollments WHERE campaign_id = $1 GROUP BY status ORDER BY status`,
      [campaign.id],
    )) as { status: string; n: number }[];
    expect(rows).toEqual([
      { status: 'pending', n: 3 },
      { status: 'queued', n: 2 },
    ]);
  });

  it("leaves a parked job's turns to it, and still takes back a lost job's", async () => {
    const longAgo = new Date(api.clock.nowMs() - STALE_MS * 0.6);
    const { id, jobs } = await claimedCampaign(6, longAgo);
    const steps = api.app.get(CampaignStepJob);
    await steps.run(jobs[0]);
    // Past the bound: parked, its turns stamped queued now (half the stale time has passed since their claim).
    await steps.run(jobs[1]);
    expect(await parked(id)).toHaveLength(1);
    // jobs[2] is lost (never run). Later, past the stale time for the lost job's turns but not the parked job's:
    const now = api.clock.advance(STALE_MS * 0.5);
    await api.app.get(EnrollmentsRepository).releaseStale(new Date(now.getTime() - STALE_MS), now);
    expect(await statuses(enrollmentIds(jobs[1]))).toEqual(['queued', 'queued']);
    expect(await statuses(enrollmentIds(jobs[2]))).toEqual(['waiting', 'waiting']);
    for (const job of await parked(id)) await job.remove();
  });
});
