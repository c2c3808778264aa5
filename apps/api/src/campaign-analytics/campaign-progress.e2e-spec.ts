import { CampaignProgress, TenantStatistics } from '@app/domain';
import { LiveEvents } from '@app/events';
import { connectLiveClient, createTenant, createTestApi, TestApi, TestTenant, waitFor } from '@app/testing';
import Redis from 'ioredis';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { AnalyticsFixture, springLaunch } from './campaign-analytics.fixture';

interface Heard {
  at: number;
  payload: { campaign_id: string; status: string; totals: Record<string, number> };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Spring Launch figures as the progress event counts them (replied as GET campaigns/:id/analytics counts it: B,
 * marked replied, and E, who wrote after the campaign's email though its enrollment is stopped as opted out).
 */
const SPRING_TOTALS = {
  enrolled: 8,
  queued: 2,
  sent: 7,
  delivered: 3,
  failed: 1,
  withdrawn: 0,
  replied: 2,
  completed: 2,
  enrollments_failed: 1,
  opted_out: 2,
};

/** Issue 5: `campaign:progress` to the tenant room, at most once a second per campaign across processes. */
describe('campaign:progress (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let progress: CampaignProgress;
  /** A second process's CampaignProgress: its own Redis connection, timers and emitter. */
  let elsewhere: CampaignProgress;
  let redis: Redis;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    progress = api.app.get(CampaignProgress);
    redis = new Redis(api.config.redis.url);
    elsewhere = new CampaignProgress(
      db,
      redis,
      api.config,
      new LiveEvents(redis, api.config),
      api.app.get(TenantStatistics),
    );
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    elsewhere.onModuleDestroy();
    await redis.quit();
    await api.close();
  });

  /** A tenant with Spring Launch, and a live client of its admin recording `campaign:progress` with arrival times. */
  async function setUp(): Promise<{ tenant: TestTenant; campaign: string; heard: Heard[] }> {
    const tenant = await createTenant(api.http);
    const campaign = await springLaunch(new AnalyticsFixture(db, tenant.id));
    const { socket } = await connectLiveClient(api.url, tenant.admin.token);
    sockets.push(socket);
    const heard: Heard[] = [];
    socket.on('campaign:progress', (payload: Heard['payload']) => heard.push({ at: Date.now(), payload }));
    return { tenant, campaign, heard };
  }

  const count = (heard: Heard[], n: number) =>
    waitFor(() => (heard.length >= n ? heard : undefined), 15_000, `${n} campaign:progress events`);

  it('emits the totals of the contract to the tenant room, and only to it', async () => {
    const { tenant, campaign, heard } = await setUp();
    const other = await setUp();
    await progress.notify(tenant.id, campaign);
    await count(heard, 1);
    expect(heard.map((h) => h.payload)).toEqual([
      { campaign_id: campaign, status: 'active', totals: SPRING_TOTALS },
    ]);
    await sleep(300);
    expect(other.heard).toEqual([]);
  });

  // The trailing retry waits for the throttle key to expire: nothing can follow the first event within a second
  // of the first call, so arrival times (not sleeps) tell an immediate emit from a trailing one.
  it('two calls in the same second emit once; the change between them arrives a second later', async () => {
    const { tenant, campaign, heard } = await setUp();
    const t0 = Date.now();
    await progress.notify(tenant.id, campaign);
    await db.query(
      `UPDATE campaign_enrollments SET status = 'completed'
        WHERE tenant_id = $1 AND campaign_id = $2 AND status = 'waiting'`,
      [tenant.id, campaign],
    );
    await progress.notify(tenant.id, campaign);
    await count(heard, 2);
    await sleep(1300);
    expect(heard.map((h) => h.payload.totals)).toEqual([SPRING_TOTALS, { ...SPRING_TOTALS, completed: 3 }]);
    expect(heard[1].at - t0).toBeGreaterThanOrEqual(990);
  });

  it('the throttle holds across processes, and each campaign has its own', async () => {
    const { tenant, campaign, heard } = await setUp();
    const second = await springLaunch(new AnalyticsFixture(db, tenant.id), 'Second');
    const t0 = Date.now();
    await Promise.all([
      progress.notify(tenant.id, campaign),
      elsewhere.notify(tenant.id, campaign),
      elsewhere.notify(tenant.id, campaign),
      progress.notify(tenant.id, second),
    ]);
    // One immediate event per campaign; the refused calls leave one retry per process, and one of those wins.
    await count(heard, 3);
    await sleep(1300);
    const ids = heard.map((h) => h.payload.campaign_id);
    expect(ids).toHaveLength(3);
    expect(ids.slice(0, 2).sort()).toEqual([campaign, second].sort());
    expect(ids[2]).toBe(campaign);
    expect(heard[2].at - t0).toBeGreaterThanOrEqual(990);
  });

  it('a count that outlasts its second holds the throttle: no other process starts one meanwhile', async () => {
    const { tenant, campaign, heard } = await setUp();
    // Two processes whose database answers the count only after 1.5 s (a large campaign on a busy database).
    let counts = 0;
    const slowDb = {
      query: async (sql: string, params: unknown[]) => {
        counts += 1;
        await sleep(1500);
        return db.query(sql, params);
      },
    } as unknown as DataSource;
    const live = new LiveEvents(redis, api.config);
    const [one, two] = [0, 1].map(
      () => new CampaignProgress(slowDb, redis, api.config, live, api.app.get(TenantStatistics)),
    );
    try {
      const first = one.notify(tenant.id, campaign);
      await sleep(1200);
      const second = two.notify(tenant.id, campaign);
      await sleep(200);
      expect(counts).toBe(1);
      await Promise.all([first, second]);
      await count(heard, 1);
      // The throttle now spaces the next count by twenty times what this one took (about 30 s).
      const ttl = await redis.pttl(api.config.redisKey('campaign-progress', campaign));
      expect(ttl).toBeGreaterThan(25_000);
      expect(counts).toBe(1);
    } finally {
      one.onModuleDestroy();
      two.onModuleDestroy();
    }
  });

  it('never throws: a campaign that is gone emits nothing', async () => {
    const { tenant, heard } = await setUp();
    await expect(progress.notify(tenant.id, '0190f3c2-7d1e-7c53-9a4e-2b8f1d3c4e5a')).resolves.toBeUndefined();
    await sleep(300);
    expect(heard).toEqual([]);
  });
});
