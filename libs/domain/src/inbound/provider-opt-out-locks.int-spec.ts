import { createTenant, createTestApi, PgSessions, TestApi, TestTenant } from '@app/testing';
import { DataSource } from 'typeorm';
import { ProviderOptOutsService } from './provider-opt-outs.service';

/**
 * A send the provider refused as opted out (Twilio 21610) locks its lead, then stops the lead's SMS sequences; the
 * campaign's send of a sequence's next step moves the enrollment, then its message's foreign key takes a key-share
 * lock on the lead. The opt-out's lead lock must not refuse that key-share, or the two wait for each other and one of
 * them dies of a deadlock (and the opt-out is lost until the next refused send).
 */
describe("a provider's opt-out beside a send of the sequence it stops (integration)", () => {
  let api: TestApi;
  let db: DataSource;
  let sessions: PgSessions;
  let t: TestTenant;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    sessions = new PgSessions(db);
    t = await createTenant(api.http);
  });
  afterAll(async () => {
    await sessions.close();
    await api.close();
  });

  it('lets the send through, then opts the lead out and stops the sequence', async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Tess', phone: '+14155550761' });
    expect(lead.status).toBe(201);
    const leadId = lead.body.data.id as string;
    const [conversation] = await db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
      [t.id, leadId],
    );
    const [refused] = await db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         error_code, idempotency_key, content)
       VALUES ($1, $2, $3, 'outbound', 'sms', 'system', 'twilio', 'failed', '21610', 'locks-first', 'Hi')
       RETURNING id`,
      [t.id, conversation.id, leadId],
    );
    const campaign = await api.http
      .post('/api/campaigns')
      .set(t.admin.headers)
      .send({
        name: 'Texts',
        steps: [
          { type: 'SMS', content: 'Hi' },
          { type: 'SMS', content: 'Again' },
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
    const optedOut = api.app.get(ProviderOptOutsService).onFailed(t.id, {
      id: refused.id,
      lead_id: leadId,
      conversation_id: conversation.id,
      channel: 'sms',
      error_code: '21610',
      error_message: null,
    });
    // The opt-out has locked the lead and waits for the enrollment.
    expect(await sessions.doneOrWaiting(optedOut, [pid])).toHaveLength(1);
    await tx.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, 'outbound', 'sms', 'system', 'twilio', 'queued', 'locks-next', 'Again')`,
      [t.id, conversation.id, leadId],
    );
    await tx.commitTransaction();
    await optedOut;

    expect(await db.query('SELECT opted_out_channels FROM leads WHERE id = $1', [leadId])).toEqual([
      { opted_out_channels: ['sms'] },
    ]);
    expect(
      await db.query('SELECT status, stop_reason FROM campaign_enrollments WHERE id = $1', [enrollment.id]),
    ).toEqual([{ status: 'stopped', stop_reason: 'opted_out' }]);
  });
});
