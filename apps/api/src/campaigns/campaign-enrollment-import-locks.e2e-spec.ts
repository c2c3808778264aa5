import { createTenant, PgSessions, TestTenant, useTestApi } from '@app/testing';

const LEADS = 3;

/**
 * An import with campaign_id locks the leads it updates, then the campaign's row to enroll them; an enrollment
 * holds the campaign's row, then its rows' foreign keys take a key-share lock on their leads. The import's lead
 * locks must not refuse that key-share, or the two wait for each other and one of them dies of a deadlock.
 */
describe('import enrolling into a campaign beside an enrollment holding it (e2e)', () => {
  let sessions: PgSessions;
  let t: TestTenant;
  // Declared before the API: open sessions are rolled back and released before it closes.
  afterAll(() => sessions?.close());
  const api = useTestApi();

  beforeAll(async () => {
    sessions = new PgSessions(api.db);
    t = await createTenant(api.http);
  });

  const phoneOf = (i: number) => `+1415559${String(i).padStart(4, '0')}`;
  const emailOf = (i: number) => `lead${i}@locks.example`;

  /**
   * Imports `csv` (a row per lead, updating them) into a new campaign while an enrollment's transaction holds the
   * campaign's row, and inserts that enrollment once the import waits for the row.
   */
  async function importBesideEnrollment(ids: string[], csv: string) {
    const campaign = await api.http
      .post('/api/campaigns')
      .set(t.admin.headers)
      .send({ name: 'Locks', steps: [{ type: 'SMS', content: 'Hi' }] });
    expect(campaign.status).toBe(201);
    const id = campaign.body.data.id as string;

    // An enrollment's transaction, as POST campaigns/:id/leads runs it: the campaign's row first.
    const { tx, pid } = await sessions.begin();
    await tx.query('SELECT id FROM campaigns WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE', [t.id, id]);
    const imported = api.http
      .post('/api/leads/import')
      .set(t.admin.headers)
      .field('campaign_id', id)
      .field('on_duplicate', 'update')
      .attach('file', Buffer.from(csv), { filename: 'leads.csv', contentType: 'text/csv' })
      .then((r) => r);
    // The import has locked its leads and waits for the campaign's row.
    expect(await sessions.doneOrWaiting(imported, [pid])).toHaveLength(1);
    await tx.query(
      `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status) VALUES ($1, $2, $3, 'pending')`,
      [t.id, id, ids[0]],
    );
    await tx.query('UPDATE campaigns SET total_leads = total_leads + 1 WHERE tenant_id = $1 AND id = $2', [
      t.id,
      id,
    ]);
    await tx.commitTransaction();

    const answer = await imported;
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({
      status: 'completed',
      results: { total: LEADS, updated: LEADS },
    });
    const enrolled = (await api.db.query(
      'SELECT lead_id FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY lead_id',
      [t.id, id],
    )) as { lead_id: string }[];
    expect(enrolled.map((e) => e.lead_id)).toEqual([...ids].sort());
    expect(await api.db.query('SELECT total_leads FROM campaigns WHERE id = $1', [id])).toEqual([
      { total_leads: LEADS },
    ]);
  }

  const leadsOf = async () =>
    (await api.db.query(
      'SELECT first_name, phone_normalized AS phone, email FROM leads WHERE tenant_id = $1 ORDER BY phone_normalized',
      [t.id],
    )) as { first_name: string; phone: string; email: string | null }[];

  it('lets the enrollment through and then imports and enrolls the leads', async () => {
    const created = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send(Array.from({ length: LEADS }, (_, i) => ({ first_name: `Lead${i}`, phone: phoneOf(i) })));
    expect(created.status).toBe(200);
    const ids = (created.body.data.leads as { id: string }[]).map((l) => l.id);

    await importBesideEnrollment(
      ids,
      ['first_name,phone', ...ids.map((_, i) => `Renamed${i},${phoneOf(i)}`)].join('\n'),
    );
    expect((await leadsOf()).map((l) => l.first_name)).toEqual(['Renamed0', 'Renamed1', 'Renamed2']);
  });

  // Rows that fill in an address have their leads' do-not-contact flags brought up to date in the batch, which
  // locks those leads again before the campaign's row.
  it('lets the enrollment through when the rows fill in the leads’ emails', async () => {
    const created = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send(Array.from({ length: LEADS }, (_, i) => ({ first_name: `Lead${i}`, phone: phoneOf(LEADS + i) })));
    expect(created.status).toBe(200);
    const ids = (created.body.data.leads as { id: string }[]).map((l) => l.id);

    await importBesideEnrollment(
      ids,
      ['first_name,phone,email', ...ids.map((_, i) => `Lead${i},${phoneOf(LEADS + i)},${emailOf(i)}`)].join(
        '\n',
      ),
    );
    const filled = (await leadsOf()).filter((l) => l.phone >= phoneOf(LEADS));
    expect(filled.map((l) => l.email)).toEqual([emailOf(0), emailOf(1), emailOf(2)]);
  });
});
