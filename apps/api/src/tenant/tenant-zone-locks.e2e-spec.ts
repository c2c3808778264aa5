import { createTenant, PgSessions, TestTenant, useTestApi } from '@app/testing';

/**
 * A change of the tenant's time zone locks the tenant's row, then takes back the holds of its turns held for the
 * window; a campaign's cancel or resume moves its turns, then writes its activity entry, whose foreign key takes a
 * key-share lock on the tenant's row (as every row of the tenant does). The tenant's lock must not refuse that
 * key-share, or the two wait for each other and one of them dies of a deadlock.
 */
describe("a change of the tenant's time zone beside a campaign moving its turns (e2e)", () => {
  let sessions: PgSessions;
  let t: TestTenant;
  // Declared before the API: open sessions are rolled back and released before it closes.
  afterAll(() => sessions?.close());
  const api = useTestApi();

  beforeAll(async () => {
    sessions = new PgSessions(api.db);
    t = await createTenant(api.http);
  });

  it('lets the campaign write, then changes the zone and takes back the hold', async () => {
    // A lead with no zone of its own (an email, no country): its window is read in the tenant's zone.
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Ada', email: 'ada@zone.example' });
    expect(lead.status).toBe(201);
    const campaign = await api.http
      .post('/api/campaigns')
      .set(t.admin.headers)
      .send({ name: 'Zone', steps: [{ type: 'EMAIL', content: 'Hi' }] });
    expect(campaign.status).toBe(201);
    const campaignId = campaign.body.data.id as string;
    await api.db.query(`UPDATE campaigns SET status = 'active' WHERE id = $1`, [campaignId]);
    const held = new Date('2100-01-01T08:00:00Z');
    const [{ id: enrollmentId }] = (await api.db.query(
      `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status, next_action_at, window_held_until)
       VALUES ($1, $2, $3, 'waiting', $4, $4) RETURNING id`,
      [t.id, campaignId, lead.body.data.id, held],
    )) as { id: string }[];

    // A cancel's or resume's transaction, as CampaignLifecycleService.apply runs it: the turns first.
    const { tx, pid } = await sessions.begin();
    await tx.query('UPDATE campaign_enrollments SET updated_at = now() WHERE id = $1', [enrollmentId]);
    const patched = api.http
      .patch('/api/tenant')
      .set(t.admin.headers)
      .send({ timezone: 'Europe/Lisbon' })
      .then((r) => r.status);
    // The change has locked the tenant's row and waits for the turn.
    expect(await sessions.doneOrWaiting(patched, [pid])).toHaveLength(1);
    await tx.query(
      `INSERT INTO activity_log (tenant_id, type, description) VALUES ($1, 'campaign.resumed', 'x')`,
      [t.id],
    );
    await tx.commitTransaction();

    expect(await patched).toBe(200);
    const [turn] = (await api.db.query(
      'SELECT next_action_at, window_held_until FROM campaign_enrollments WHERE id = $1',
      [enrollmentId],
    )) as { next_action_at: Date; window_held_until: Date | null }[];
    expect(turn.window_held_until).toBeNull();
    expect(turn.next_action_at.getTime()).toBeLessThan(held.getTime());
  });
});
