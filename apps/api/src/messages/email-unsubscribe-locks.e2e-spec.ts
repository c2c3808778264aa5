import { EmailTracking } from '@app/domain';
import { createTenant, createTestApi, PgSessions, TestApi, TestTenant } from '@app/testing';
import { DataSource } from 'typeorm';

/**
 * An unsubscribe locks its lead, then stops the lead's email sequences; the campaign's send of a sequence's next
 * step moves the enrollment, then its message's foreign key takes a key-share lock on the lead. The unsubscribe's
 * lead lock must not refuse that key-share, or the two wait for each other and one of them dies of a deadlock.
 */
describe('an unsubscribe beside a send of the sequence it stops (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let sessions: PgSessions;
  let t: TestTenant;
  let tracking: EmailTracking;

  const local = (url: string) => url.replace(api.config.publicBaseUrl.replace(/\/+$/, ''), '');

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    sessions = new PgSessions(db);
    t = await createTenant(api.http);
    tracking = new EmailTracking(api.config.encryptionKey, api.config.publicBaseUrl);
  });
  afterAll(async () => {
    await sessions.close();
    await api.close();
  });

  it('lets the send through, then opts the lead out and stops the sequence', async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Una', email: 'una@locks.example' });
    expect(lead.status).toBe(201);
    const leadId = lead.body.data.id as string;
    const [conversation] = await db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'email') RETURNING id`,
      [t.id, leadId],
    );
    const [message] = await db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, 'outbound', 'email', 'system', 'smtp', 'sent', 'locks-first', 'Our news') RETURNING id`,
      [t.id, conversation.id, leadId],
    );
    const campaign = await api.http
      .post('/api/campaigns')
      .set(t.admin.headers)
      .send({
        name: 'News',
        steps: [
          { type: 'EMAIL', content: 'Hi' },
          { type: 'EMAIL', content: 'Again' },
        ],
      });
    expect(campaign.status).toBe(201);
    const [enrollment] = await db.query(
      `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status) VALUES ($1, $2, $3, 'in_progress')
       RETURNING id`,
      [t.id, campaign.body.data.id, leadId],
    );

    // The send of the next step, as OutboundMessagesService.sendMoving makes it: the enrollment moved first.
    const { tx, pid } = await sessions.begin();
    await tx.query(`UPDATE campaign_enrollments SET current_step = 1, status = 'waiting' WHERE id = $1`, [
      enrollment.id,
    ]);
    const unsubscribed = api.http
      .post(local(tracking.unsubscribeUrl(message.id)))
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .then((r) => r.status);
    // The unsubscribe has locked the lead and waits for the enrollment.
    expect(await sessions.doneOrWaiting(unsubscribed, [pid])).toHaveLength(1);
    await tx.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, 'outbound', 'email', 'system', 'smtp', 'queued', 'locks-next', 'Again')`,
      [t.id, conversation.id, leadId],
    );
    await tx.commitTransaction();

    expect(await unsubscribed).toBe(200);
    expect(await db.query('SELECT opted_out_channels FROM leads WHERE id = $1', [leadId])).toEqual([
      { opted_out_channels: ['email'] },
    ]);
    expect(
      await db.query('SELECT status, stop_reason FROM campaign_enrollments WHERE id = $1', [enrollment.id]),
    ).toEqual([{ status: 'stopped', stop_reason: 'opted_out' }]);
  });
});
