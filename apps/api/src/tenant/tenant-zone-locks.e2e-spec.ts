import {
  createTenant,
  expectHoldTakenBack,
  PgSessions,
  TestTenant,
  turnHeldForWindow,
  useTestApi,
} from '@app/testing';

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
    const turn = await turnHeldForWindow(api, t, lead.body.data.id);

    // A cancel's or resume's transaction, as CampaignLifecycleService.apply runs it: the turns first.
    const { tx, pid } = await sessions.begin();
    await tx.query('UPDATE campaign_enrollments SET updated_at = now() WHERE id = $1', [turn.enrollmentId]);
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
    await expectHoldTakenBack(api.db, turn);
  });
});
