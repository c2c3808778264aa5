import { createTenant, insertCampaignRows, PgSessions, useTestApi } from '@app/testing';
import { enrollFrom, EnrollTarget, idSource } from './enrollment-statement';

/**
 * The enrollment statement against a writer that does not hold the campaign's row: two transactions enroll
 * overlapping leads, the second while the first has not committed. The unique key decides, the second counts the
 * lead the first took as already enrolled (never a unique violation), and every lead is enrolled once.
 */
describe('enrollment statement without the campaign lock (integration)', () => {
  const api = useTestApi({ env: { DATABASE_POOL_SIZE: '6' } });
  let sessions: PgSessions;
  let tenantId: string;
  let phone = 0;

  beforeAll(async () => {
    tenantId = (await createTenant(api.http)).id;
  });
  beforeEach(() => (sessions = new PgSessions(api.db)));
  afterEach(() => sessions.close());

  async function leads(count: number): Promise<string[]> {
    const rows = (await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, timezones, tags)
       SELECT $1, 'Lee', p, p, '{}', '{}'
         FROM (SELECT '+1415557' || lpad((g + $2)::text, 4, '0') AS p FROM generate_series(1, $3) g) x
       RETURNING id`,
      [tenantId, phone, count],
    )) as { id: string }[];
    phone += count;
    return rows.map((r) => r.id);
  }

  it('a lead taken by an uncommitted writer is counted already enrolled by the next, once it commits', async () => {
    const [a, b, c] = await leads(3);
    const { id: campaignId } = await insertCampaignRows(api.db, tenantId, {
      leadIds: [],
      steps: [{ type: 'SMS', content: 'Hi' }],
    });
    const target: EnrollTarget = { tenantId, campaignId, channel: 'sms', nextActionAt: api.clock.now() };
    const first = await sessions.begin();
    const second = await sessions.begin();
    expect(await enrollFrom(first.tx, target, idSource([a, b]))).toMatchObject({
      enrolled: 2,
      already_enrolled: 0,
    });
    const later = enrollFrom(second.tx, target, idSource([b, c]));
    expect(await sessions.doneOrWaiting(later, [first.pid])).toEqual([second.pid]);
    await first.tx.commitTransaction();
    expect(await later).toMatchObject({
      enrolled: 1,
      already_enrolled: 1,
      skipped: { do_not_contact: 0, opted_out: 0, no_address: 0, archived: 0, not_found: 0 },
    });
    await second.tx.commitTransaction();
    const rows = (await api.db.query(
      'SELECT lead_id FROM campaign_enrollments WHERE campaign_id = $1 ORDER BY lead_id',
      [campaignId],
    )) as { lead_id: string }[];
    expect(rows.map((r) => r.lead_id)).toEqual([a, b, c].sort());
    expect(await api.db.query('SELECT total_leads FROM campaigns WHERE id = $1', [campaignId])).toEqual([
      { total_leads: 3 },
    ]);
  });
});
