import { apiOnIsolatedDatabase, createTenant, insertCampaignRows, PgSessions } from '@app/testing';
import { EnrollmentsRepository } from './enrollments.repository';

/**
 * The sweep of enrollments left `queued` (their step job lost) puts them back to `waiting`, due now; one a step job
 * moved on while the sweep waited for its row keeps what the job wrote. On a database of its own: the sweep reads
 * every tenant's enrollments.
 */
describe('the sweep of enrollments left queued (integration)', () => {
  let tenantId: string;
  let sessions: PgSessions;

  const on = apiOnIsolatedDatabase({ DATABASE_POOL_SIZE: '6' });
  beforeAll(async () => {
    tenantId = (await createTenant(on.api.http)).id;
  });
  beforeEach(() => (sessions = new PgSessions(on.db)));
  afterEach(() => sessions.close());

  /** An enrollment claimed (`queued`) an hour ago whose job never ran; or one in `status` since `ago` ms. */
  async function staleEnrollment(
    phone: string,
    status = 'queued',
    ago = 3_600_000,
    tenant = tenantId,
  ): Promise<string> {
    const [lead] = await on.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized) VALUES ($1, 'Sam', $2, $2) RETURNING id`,
      [tenant, phone],
    );
    const { id } = await insertCampaignRows(on.db, tenant, {
      leadIds: [lead.id],
      steps: [
        { type: 'SMS', content: 'Hi' },
        { type: 'DELAY', delay_minutes: 1440 },
        { type: 'SMS', content: 'Again' },
      ],
    });
    const [[row]] = await on.db.query(
      `UPDATE campaign_enrollments SET status = $3, updated_at = $2 WHERE campaign_id = $1 RETURNING id`,
      [id, new Date(on.api.clock.nowMs() - ago), status],
    );
    return row.id as string;
  }

  const state = async (id: string) =>
    (
      await on.db.query(
        'SELECT status, current_step, next_action_at FROM campaign_enrollments WHERE id = $1',
        [id],
      )
    )[0];

  it('puts a stale queued enrollment back to waiting, due now', async () => {
    const id = await staleEnrollment('+14155550171');
    const now = on.api.clock.now();
    expect(
      await on.api.app.get(EnrollmentsRepository).releaseStale(new Date(now.getTime() - 600_000), now),
    ).toBe(1);
    expect(await state(id)).toEqual({ status: 'waiting', current_step: 0, next_action_at: now });
  });

  it('leaves one a step job moved on while the sweep waited for its row', async () => {
    const id = await staleEnrollment('+14155550172');
    const later = new Date(on.api.clock.nowMs() + 86_400_000);
    // The step job sends step 1 and moves the enrollment past the DELAY, holding its row until it commits.
    const job = await sessions.begin();
    await job.tx.query(
      `UPDATE campaign_enrollments SET status = 'waiting', current_step = 2, next_action_at = $2, updated_at = now()
        WHERE id = $1`,
      [id, later],
    );
    const now = on.api.clock.now();
    const sweep = on.api.app.get(EnrollmentsRepository).releaseStale(new Date(now.getTime() - 600_000), now);
    expect(await sessions.doneOrWaiting(sweep, [job.pid])).toHaveLength(1);
    await job.tx.commitTransaction();
    expect(await sweep).toBe(0);
    expect(await state(id)).toEqual({ status: 'waiting', current_step: 2, next_action_at: later });
  });

  it("takes every tenant's stale queued enrollments and only them", async () => {
    const other = (await createTenant(on.api.http)).id;
    const stale = [
      await staleEnrollment('+14155550173'),
      await staleEnrollment('+14155550174', 'queued', 3_600_000, other),
    ];
    const left = [
      await staleEnrollment('+14155550175', 'queued', 60_000),
      await staleEnrollment('+14155550176', 'queued', 60_000, other),
      await staleEnrollment('+14155550177', 'waiting', 3_600_000),
      await staleEnrollment('+14155550178', 'pending', 3_600_000, other),
    ];
    const before = await Promise.all(left.map(state));
    const now = on.api.clock.now();
    expect(
      await on.api.app.get(EnrollmentsRepository).releaseStale(new Date(now.getTime() - 600_000), now),
    ).toBe(2);
    for (const id of stale)
      expect(await state(id)).toEqual({ status: 'waiting', current_step: 0, next_action_at: now });
    expect(await Promise.all(left.map(state))).toEqual(before);
  });
});
