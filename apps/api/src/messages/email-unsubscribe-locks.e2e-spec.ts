import { EmailTracking } from '@app/domain';
import {
  createTenant,
  enrollmentMidSequence,
  PgSessions,
  sendNextStepBeside,
  TestTenant,
  useTestApi,
} from '@app/testing';

/**
 * An unsubscribe locks its lead, then stops the lead's email sequences; the campaign's send of a sequence's next
 * step moves the enrollment, then its message's foreign key takes a key-share lock on the lead. The unsubscribe's
 * lead lock must not refuse that key-share, or the two wait for each other and one of them dies of a deadlock.
 */
describe('an unsubscribe beside a send of the sequence it stops (e2e)', () => {
  let sessions: PgSessions;
  let t: TestTenant;
  let tracking: EmailTracking;
  // Declared before the API: open sessions are rolled back and released before it closes.
  afterAll(() => sessions?.close());
  const api = useTestApi();

  const local = (url: string) => url.replace(api.config.publicBaseUrl.replace(/\/+$/, ''), '');

  beforeAll(async () => {
    sessions = new PgSessions(api.db);
    t = await createTenant(api.http);
    tracking = new EmailTracking(api.config.encryptionKey, api.config.publicBaseUrl);
  });

  it('lets the send through, then opts the lead out and stops the sequence', async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Una', email: 'una@locks.example' });
    expect(lead.status).toBe(201);
    const leadId = lead.body.data.id as string;
    const [conversation] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'email') RETURNING id`,
      [t.id, leadId],
    );
    const [message] = await api.db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, 'outbound', 'email', 'system', 'smtp', 'sent', 'locks-first', 'Our news') RETURNING id`,
      [t.id, conversation.id, leadId],
    );
    const enrollmentId = await enrollmentMidSequence(api, t, leadId, 'EMAIL');

    const step = {
      tenantId: t.id,
      enrollmentId,
      conversationId: conversation.id as string,
      leadId,
      channel: 'email' as const,
      provider: 'smtp',
      idempotencyKey: 'locks-next',
    };
    const unsubscribed = await sendNextStepBeside(sessions, step, () =>
      api.http
        .post(local(tracking.unsubscribeUrl(message.id)))
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .then((r) => r.status),
    );

    expect(unsubscribed).toBe(200);
    expect(await api.db.query('SELECT opted_out_channels FROM leads WHERE id = $1', [leadId])).toEqual([
      { opted_out_channels: ['email'] },
    ]);
    expect(
      await api.db.query('SELECT status, stop_reason FROM campaign_enrollments WHERE id = $1', [
        enrollmentId,
      ]),
    ).toEqual([{ status: 'stopped', stop_reason: 'opted_out' }]);
  });
});
