import { SimulatorMessagingAdapter } from '@app/providers';
import {
  apiOnIsolatedDatabase,
  createTenant,
  insertCampaignStepMessage,
  TestTenant,
  zoneInDaytime,
} from '@app/testing';
import { MessageStatusService } from '../inbound/message-status.service';
import { MessageSenderService } from '../messaging/message-sender.service';
import { CampaignRetriesService, RETRY_DECISION_LOST_MS } from './campaign-retries.service';

/**
 * A failed campaign send is marked for its campaign's retry policy in the statement that fails it; the mark is
 * cleared once the decision (retry the step, or end the enrollment) has committed. A decision lost after the
 * failure committed (here: its first statement fails once) is made by the send job's retry, or by the campaign
 * tick's sweep once RETRY_DECISION_LOST_MS have passed, and only once. Each service is called as its job calls it;
 * the sweep reads every tenant's messages, so the file has a database of its own.
 */
describe('the retry decision of a failed campaign send (integration)', () => {
  let t: TestTenant;
  let retries: CampaignRetriesService;
  let phone = 0;

  const on = apiOnIsolatedDatabase();
  beforeAll(async () => {
    retries = on.api.app.get(CampaignRetriesService);
    t = await createTenant(on.api.http);
  });
  afterEach(() => jest.restoreAllMocks());

  /**
   * A one-SMS campaign (two attempts, 30 minutes apart) whose step was sent: the enrollment stands past it
   * (completed), and its message is in `status`, as the provider has it.
   */
  async function sentStep(status: 'queued' | 'sending' | 'sent', content: string | null) {
    phone += 1;
    const to = `+1415555${String(6000 + phone).padStart(4, '0')}`;
    const created = await on.api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Rita', phone: to, timezone: zoneInDaytime() });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;
    const { enrollmentId, messageId } = await insertCampaignStepMessage(on.db, t.id, {
      leadId,
      status,
      content,
      providerMessageId: status === 'sent' ? `SM${leadId.replace(/-/g, '')}` : null,
      createdAt: on.api.clock.now(),
      campaign: { retryPolicy: { max_attempts: 2, delay_minutes: 30 } },
    });
    const enrollmentState = async () =>
      (
        await on.db.query(
          `SELECT status, current_step, attempts, next_action_at FROM campaign_enrollments WHERE id = $1`,
          [enrollmentId],
        )
      )[0];
    const messageState = async () =>
      (
        await on.db.query(`SELECT status, error_code, campaign_retry_due_at FROM messages WHERE id = $1`, [
          messageId,
        ])
      )[0];
    return { id: messageId, to, enrollmentState, messageState };
  }

  /** The retry policy's first statement fails once, as a database failure would, then works. */
  function failDecisionOnce() {
    const spy = jest.spyOn(CampaignRetriesService.prototype, 'onFailed');
    spy.mockRejectedValueOnce(new Error('connection terminated unexpectedly'));
    return spy;
  }

  const retried = () => ({
    status: 'waiting',
    current_step: 0,
    attempts: 1,
    next_action_at: new Date(on.api.clock.nowMs() + 30 * 60_000),
  });

  it('a failure a status callback reports, whose decision was lost, is decided by the sweep once it is late, once', async () => {
    const send = await sentStep('sent', 'Hello');
    const failedAt = on.api.clock.now();
    failDecisionOnce();
    // The callback is applied all the same: the decision is left to the sweep.
    expect(
      await on.api.app.get(MessageStatusService).apply(t.id, 'simulator', send.id, {
        provider_message_id: `SMunknown${send.id}`,
        status: 'undelivered',
        error_code: '30003',
      }),
    ).toBe('applied');
    expect(await send.messageState()).toEqual({
      status: 'failed',
      error_code: '30003',
      campaign_retry_due_at: failedAt,
    });
    expect((await send.enrollmentState()).status).toBe('completed');

    // Not late yet: the sweep leaves it to whoever is deciding.
    expect(await retries.decideLost()).toBe(0);
    on.api.clock.advance(RETRY_DECISION_LOST_MS + 1000);
    const due = retried();
    expect(await retries.decideLost()).toBe(1);
    expect(await send.enrollmentState()).toEqual(due);
    expect((await send.messageState()).campaign_retry_due_at).toBeNull();
    // Decided once: a second sweep finds nothing, and the enrollment stands as the decision left it.
    expect(await retries.decideLost()).toBe(0);
    expect(await send.enrollmentState()).toEqual(due);
  });

  it('a send the provider refuses, whose decision was lost, is decided by the retry of its job', async () => {
    // No body: the simulator refuses it as it is sent.
    const send = await sentStep('queued', null);
    failDecisionOnce();
    const sender = on.api.app.get(MessageSenderService);
    const job = { tenant_id: t.id, message_id: send.id };
    await expect(sender.run(job)).rejects.toThrow(/connection terminated/);
    expect(await send.messageState()).toMatchObject({
      status: 'failed',
      campaign_retry_due_at: on.api.clock.now(),
    });
    expect((await send.enrollmentState()).status).toBe('completed');

    await sender.run(job);
    expect(await send.enrollmentState()).toEqual(retried());
    expect((await send.messageState()).campaign_retry_due_at).toBeNull();
    expect(await retries.decideLost()).toBe(0);
  });

  it("a lost send the provider's record says failed is decided on as it is reconciled", async () => {
    const send = await sentStep('sending', 'Hello');
    jest.spyOn(SimulatorMessagingAdapter.prototype, 'lookupSent').mockResolvedValue([
      {
        provider_message_id: `SMlost${send.id.replace(/-/g, '')}`,
        to: send.to,
        body: 'Hello',
        status: 'undelivered',
        error_code: '30003',
        sent_at: on.api.clock.now().toISOString(),
      },
    ]);
    await on.api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: send.id });
    expect(await send.messageState()).toEqual({
      status: 'failed',
      error_code: '30003',
      campaign_retry_due_at: null,
    });
    expect(await send.enrollmentState()).toEqual(retried());
  });
});
