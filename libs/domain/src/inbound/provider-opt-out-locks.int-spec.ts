import {
  createTenant,
  enrollmentMidSequence,
  PgSessions,
  sendNextStepBeside,
  TestTenant,
  useTestApi,
} from '@app/testing';
import { ProviderOptOutsService } from './provider-opt-outs.service';

/**
 * A send the provider refused as opted out (Twilio 21610) locks its lead, then stops the lead's SMS sequences; the
 * campaign's send of a sequence's next step moves the enrollment, then its message's foreign key takes a key-share
 * lock on the lead. The opt-out's lead lock must not refuse that key-share, or the two wait for each other and one of
 * them dies of a deadlock (and the opt-out is lost until the next refused send).
 */
describe("a provider's opt-out beside a send of the sequence it stops (integration)", () => {
  let sessions: PgSessions;
  let t: TestTenant;
  // Declared before the API: open sessions are rolled back and released before it closes.
  afterAll(() => sessions?.close());
  const api = useTestApi();

  beforeAll(async () => {
    sessions = new PgSessions(api.db);
    t = await createTenant(api.http);
  });

  it('lets the send through, then opts the lead out and stops the sequence', async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Tess', phone: '+14155550761' });
    expect(lead.status).toBe(201);
    const leadId = lead.body.data.id as string;
    const [conversation] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
      [t.id, leadId],
    );
    const [refused] = await api.db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         error_code, idempotency_key, content)
       VALUES ($1, $2, $3, 'outbound', 'sms', 'system', 'twilio', 'failed', '21610', 'locks-first', 'Hi')
       RETURNING id`,
      [t.id, conversation.id, leadId],
    );
    const enrollmentId = await enrollmentMidSequence(api, t, leadId, 'SMS');

    const step = {
      tenantId: t.id,
      enrollmentId,
      conversationId: conversation.id as string,
      leadId,
      channel: 'sms' as const,
      provider: 'twilio',
      idempotencyKey: 'locks-next',
    };
    await sendNextStepBeside(sessions, step, () =>
      api.app.get(ProviderOptOutsService).onFailed(t.id, {
        id: refused.id,
        lead_id: leadId,
        conversation_id: conversation.id,
        channel: 'sms',
        error_code: '21610',
        error_message: null,
      }),
    );

    expect(await api.db.query('SELECT opted_out_channels FROM leads WHERE id = $1', [leadId])).toEqual([
      { opted_out_channels: ['sms'] },
    ]);
    expect(
      await api.db.query('SELECT status, stop_reason FROM campaign_enrollments WHERE id = $1', [
        enrollmentId,
      ]),
    ).toEqual([{ status: 'stopped', stop_reason: 'opted_out' }]);
  });
});
