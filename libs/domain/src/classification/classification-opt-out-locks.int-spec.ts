import { applyLeadReply, createTenant, PgSessions, TestTenant, useTestApi } from '@app/testing';
import { LlmManager } from '../llm/llm-manager.service';
import { ClassificationService } from './classification.service';

/**
 * A reply classified as an unsubscribe locks its lead, then stops the lead's sequences on the channel; the
 * campaign's send of a sequence's next step moves the enrollment, then its message's foreign key takes a key-share
 * lock on the lead. The classification's lead lock must not refuse that key-share, or the two wait for each other
 * and one of them dies of a deadlock (the opt-out, or the send). No worker runs: the classification is run.
 */
describe('a classified opt-out beside a send of the sequence it stops (integration)', () => {
  const api = useTestApi();
  let sessions: PgSessions;
  let t: TestTenant;

  beforeAll(async () => {
    sessions = new PgSessions(api.db);
    t = await createTenant(api.http);
  });
  afterAll(() => sessions.close());
  afterEach(() => jest.restoreAllMocks());

  it('lets the send through, then opts the lead out and stops the sequence', async () => {
    const reply = await applyLeadReply(api.app, t.id, {
      from: '+14155550762',
      body: 'Please take me off your texting list',
      now: api.clock.now(),
    });
    const [{ conversation_id: conversationId }] = await api.db.query(
      `SELECT conversation_id FROM messages WHERE id = $1`,
      [reply.messageId],
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
    const [enrollment] = await api.db.query(
      `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status) VALUES ($1, $2, $3, 'in_progress')
       RETURNING id`,
      [t.id, campaign.body.data.id, reply.leadId],
    );
    jest.spyOn(LlmManager.prototype, 'call').mockResolvedValue({
      output: {
        label: 'unsubscribe',
        confidence: 0.95,
        reason: 'asks to be taken off the list',
        return_date: null,
        referral: null,
        language: 'en',
      },
      interaction_id: null,
    } as never);

    // The send of the next step, as OutboundMessagesService.sendMoving makes it: the enrollment moved first.
    const { tx, pid } = await sessions.begin();
    await tx.query(`UPDATE campaign_enrollments SET current_step = 1, status = 'waiting' WHERE id = $1`, [
      enrollment.id,
    ]);
    const classified = api.app
      .get(ClassificationService)
      .classify(t.id, reply.messageId, { reclassify: false, lastAttempt: false });
    // The classification has locked the lead and waits for the enrollment.
    expect(await sessions.doneOrWaiting(classified, [pid])).toHaveLength(1);
    await tx.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, 'outbound', 'sms', 'system', 'twilio', 'queued', 'classified-locks-next', 'Again')`,
      [t.id, conversationId, reply.leadId],
    );
    await tx.commitTransaction();
    await classified;

    expect(await api.db.query('SELECT opted_out_channels FROM leads WHERE id = $1', [reply.leadId])).toEqual([
      { opted_out_channels: ['sms'] },
    ]);
    expect(
      await api.db.query('SELECT status, stop_reason FROM campaign_enrollments WHERE id = $1', [
        enrollment.id,
      ]),
    ).toEqual([{ status: 'stopped', stop_reason: 'opted_out' }]);
  });
});
