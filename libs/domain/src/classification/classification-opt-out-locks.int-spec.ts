import {
  applyLeadReply,
  createTenant,
  enrollmentMidSequence,
  PgSessions,
  sendNextStepBeside,
  TestTenant,
  useTestApi,
} from '@app/testing';
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
    const enrollmentId = await enrollmentMidSequence(api, t, reply.leadId, 'SMS');
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

    const step = {
      tenantId: t.id,
      enrollmentId,
      conversationId: conversationId as string,
      leadId: reply.leadId,
      channel: 'sms' as const,
      provider: 'twilio',
      idempotencyKey: 'classified-locks-next',
    };
    await sendNextStepBeside(sessions, step, () =>
      api.app
        .get(ClassificationService)
        .classify(t.id, reply.messageId, { reclassify: false, lastAttempt: false }),
    );

    expect(await api.db.query('SELECT opted_out_channels FROM leads WHERE id = $1', [reply.leadId])).toEqual([
      { opted_out_channels: ['sms'] },
    ]);
    expect(
      await api.db.query('SELECT status, stop_reason FROM campaign_enrollments WHERE id = $1', [
        enrollmentId,
      ]),
    ).toEqual([{ status: 'stopped', stop_reason: 'opted_out' }]);
  });
});
