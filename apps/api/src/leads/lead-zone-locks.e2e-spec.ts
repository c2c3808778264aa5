import {
  createTenant,
  expectHoldTakenBack,
  PgSessions,
  TestTenant,
  turnHeldForWindow,
  useTestApi,
} from '@app/testing';

/**
 * A change of a lead's time zone (PATCH) locks the lead's row, then takes back the holds of its turns held for the
 * window; a campaign's send of the lead's next step moves its enrollment, then its message's foreign key takes a
 * key-share lock on the lead. The lead's lock must not refuse that key-share, or the two wait for each other and
 * one of them dies of a deadlock.
 */
describe("a change of a lead's time zone beside a send of its sequence (e2e)", () => {
  let sessions: PgSessions;
  let t: TestTenant;
  // Declared before the API: open sessions are rolled back and released before it closes.
  afterAll(() => sessions?.close());
  const api = useTestApi();

  beforeAll(async () => {
    sessions = new PgSessions(api.db);
    t = await createTenant(api.http);
  });

  it('lets the send through, then changes the zone and takes back the hold', async () => {
    // No zone of its own (an email, no country): its window is read in the campaign's, then the tenant's zone.
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Lou', email: 'lou@zone.example' });
    expect(lead.status).toBe(201);
    const leadId = lead.body.data.id as string;
    const turn = await turnHeldForWindow(api, t, leadId);
    const [conversation] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'email') RETURNING id`,
      [t.id, leadId],
    );

    // A send's transaction, as OutboundMessagesService.sendMoving runs it: the enrollment moved first.
    const { tx, pid } = await sessions.begin();
    await tx.query('UPDATE campaign_enrollments SET updated_at = now() WHERE id = $1', [turn.enrollmentId]);
    const patched = api.http
      .patch(`/api/leads/${leadId}`)
      .set(t.admin.headers)
      .send({ timezone: 'Europe/Lisbon' })
      .then((r) => r.status);
    // The change has locked the lead's row and waits for the turn.
    expect(await sessions.doneOrWaiting(patched, [pid])).toHaveLength(1);
    await tx.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, 'outbound', 'email', 'system', 'smtp', 'queued', 'lead-zone-locks', 'Hi')`,
      [t.id, conversation.id, leadId],
    );
    await tx.commitTransaction();

    expect(await patched).toBe(200);
    await expectHoldTakenBack(api.db, turn);
  });
});
