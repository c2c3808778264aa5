import { ManualClock } from '@app/common';
import {
  AiAutoReplyService,
  AUTO_REPLY_MAX_IN_A_ROW,
  autoReplyLaterJobId,
  autoReplyJobId,
  ChannelConfigsService,
} from '@app/domain';
import { JobProducer, QueueName } from '@app/queues';
import { insertCampaignRows, postLeadReply, TestTenant, waitFor } from '@app/testing';
import { uuidv7 } from 'uuidv7';
import { AiOutreachWorld, MessageRow, MORNING_NY } from './ai-outreach.fixture';

/**
 * Issue 7 item 3, AI auto-replies through the simulator with TWO workers: an inbound message is classified in the
 * worker, and the AI answers it only with the tenant's setting `ai.auto_reply` on, in a conversation in ai_mode auto,
 * when no human answered and the lead did not write again, within the contact policy (opt-outs, 08:00-21:00 local);
 * once per message however often the job runs.
 */
describe('AI auto-replies, two workers (e2e)', () => {
  const w = new AiOutreachWorld(new ManualClock(MORNING_NY), 'ai-auto-reply');

  beforeAll(() => w.start(), 60_000);
  afterAll(() => w.close());

  /** The lead writes to the tenant on SMS: answers the inbound message once recorded. */
  async function leadWrites(
    t: TestTenant,
    l: { id: string; phone: string },
    body: string,
  ): Promise<MessageRow> {
    const inbound = async () => (await w.messagesOf(t, l.id)).filter((m) => m.direction === 'inbound');
    const before = (await inbound()).length;
    const resolved = await w.api.app.get(ChannelConfigsService).resolve(t.id, 'sms');
    const res = await postLeadReply(w.http, resolved, {
      publicBaseUrl: w.platform.publicBaseUrl,
      seed: w.seed,
      from: l.phone,
      body,
      now: w.clock.now(),
    });
    expect(res.status).toBeLessThan(300);
    return waitFor(
      async () => {
        const rows = await inbound();
        return rows.length > before ? rows[rows.length - 1] : undefined;
      },
      10_000,
      'the inbound message',
    );
  }

  /** The `ai.auto-reply` job the classification queued for the message has run. */
  async function autoReplyRan(messageId: string, jobId = autoReplyJobId(messageId)): Promise<void> {
    const queue = w.api.app.get(JobProducer).queue(QueueName.Classification);
    await waitFor(
      async () => {
        const job = await queue.getJob(jobId);
        return job && (await job.getState()) === 'completed' ? true : undefined;
      },
      20_000,
      `the ai.auto-reply job of ${messageId}`,
    );
  }

  const label = async (t: TestTenant, messageId: string) =>
    waitFor(
      async () =>
        (
          (await w.db.query(
            `SELECT label FROM reply_classifications WHERE tenant_id = $1 AND message_id = $2`,
            [t.id, messageId],
          )) as { label: string }[]
        )[0]?.label,
      20_000,
      'the classification',
    );

  it('with the setting on and ai_mode auto, "What does it cost?" gets exactly one AI answer, even when the job runs again', async () => {
    const t = await w.tenantWithProduct({ ai: { auto_reply: true } });
    const l = await w.lead(t);
    const inbound = await leadWrites(t, l, 'What does it cost?');
    expect(await label(t, inbound.id)).toBe('question');
    const [answer] = await w.aiMessages(t, l.id, 1, 'the AI answer');
    expect(answer).toMatchObject({
      idempotency_key: `ai-reply:${inbound.id}`,
      sender: 'ai',
      direction: 'outbound',
    });
    expect(answer.conversation_id).toBe(inbound.conversation_id);
    expect(answer.content).toContain('Brightdesk');
    expect(answer.ai_usage).toMatchObject({ provider: 'local', model: 'reachline-local-1', cost_usd: 0 });
    expect(await w.interaction(t, answer.ai_usage!.interaction_id as string)).toMatchObject({
      kind: 'auto_reply',
      lead_id: l.id,
      message_id: inbound.id,
      success: true,
      input: expect.objectContaining({
        purpose: 'auto_reply',
        channel: 'sms',
        last_classification: 'question',
        history: ['lead: What does it cost?'],
      }),
    });
    await autoReplyRan(inbound.id);

    // The job runs again (a retry, a duplicate): no second answer, no second model call.
    await w.api.app
      .get(JobProducer)
      .enqueue(
        'ai.auto-reply',
        { tenant_id: t.id, message_id: inbound.id },
        { jobId: `again-${inbound.id}` },
      );
    await autoReplyRan(inbound.id, `again-${inbound.id}`);
    expect(await w.api.app.get(AiAutoReplyService).answer(t.id, inbound.id)).toBe('already_sent');
    expect((await w.messagesOf(t, l.id)).filter((m) => m.sender === 'ai')).toHaveLength(1);
    const calls = (await w.db.query(
      `SELECT count(*)::int AS n FROM ai_interactions WHERE tenant_id = $1 AND message_id = $2 AND kind = 'auto_reply'`,
      [t.id, inbound.id],
    )) as { n: number }[];
    expect(calls[0].n).toBe(1);

    // Seen through the API with its usage.
    const page = await w.http
      .get(`/api/conversations/${inbound.conversation_id}/messages`)
      .set(t.admin.headers);
    expect(page.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: answer.id, sender: 'ai', ai_usage: answer.ai_usage }),
      ]),
    );
  });

  /** The lead's conversation on `channel`, opened as a first message would open it. */
  async function conversationOf(t: TestTenant, l: { id: string }, channel: 'sms' | 'email' = 'sms') {
    const [conversation] = (await w.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, $3) RETURNING id`,
      [t.id, l.id, channel],
    )) as { id: string }[];
    return conversation;
  }

  /** The lead's conversation on `channel`, handed to humans (`ai_mode: human`) by the tenant's admin. */
  async function withHumans(t: TestTenant, l: { id: string }, channel: 'sms' | 'email'): Promise<void> {
    const conversation = await conversationOf(t, l, channel);
    const patched = await w.http
      .patch(`/api/conversations/${conversation.id}`)
      .set(t.admin.headers)
      .send({ ai_mode: 'human' });
    expect(patched.status).toBe(200);
  }

  /** The lead asks a question by SMS; once its auto-reply job ran, only the lead has written. */
  async function asksUnanswered(t: TestTenant, l: { id: string; phone: string }): Promise<MessageRow> {
    const inbound = await leadWrites(t, l, 'What does it cost?');
    expect(await label(t, inbound.id)).toBe('question');
    await autoReplyRan(inbound.id);
    expect((await w.messagesOf(t, l.id)).map((m) => m.sender)).toEqual(['lead']);
    return inbound;
  }

  it('none in a conversation in ai_mode human', async () => {
    const t = await w.tenantWithProduct({ ai: { auto_reply: true } });
    const l = await w.lead(t);
    await withHumans(t, l, 'sms');
    await asksUnanswered(t, l);
  });

  it("none to a lead a human holds on another channel: the lead's first SMS opens its conversation with humans", async () => {
    const t = await w.tenantWithProduct({ ai: { auto_reply: true } });
    const l = await w.lead(t);
    await withHumans(t, l, 'email');
    const inbound = await asksUnanswered(t, l);
    const [sms] = await w.db.query(`SELECT ai_mode FROM conversations WHERE id = $1`, [
      inbound.conversation_id,
    ]);
    expect(sms.ai_mode).toBe('human');

    // A lead whose enrollment a human overrode before any message went: its first SMS is the humans' too.
    const held = await w.lead(t);
    const { id: campaignId } = await insertCampaignRows(w.db, t.id, {
      steps: [{ type: 'SMS', content: 'Hi' }],
      leadIds: [held.id],
      status: 'active',
    });
    await w.db.query(
      `UPDATE campaign_enrollments SET status = 'waiting', ai_paused = true WHERE campaign_id = $1`,
      [campaignId],
    );
    await asksUnanswered(t, held);
  });

  it('an AI answer still waiting for its turn when a human writes in the conversation never goes', async () => {
    const t = await w.tenantWithProduct({ ai: { auto_reply: true } });
    const l = await w.lead(t);
    const conversation = await conversationOf(t, l);
    const insert = (sender: string, status: string) =>
      w.db.query(
        `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
           idempotency_key, content)
         VALUES ($1, $2, $3, $4, 'outbound', 'sms', $5, 'simulator', $6, $7, 'It is 49 a month.') RETURNING id`,
        [uuidv7(), t.id, conversation.id, l.id, sender, status, `${sender}-${uuidv7()}`],
      ) as Promise<{ id: string }[]>;
    // The AI's answer is queued (its turn comes later); an agent answers the lead meanwhile.
    const [answer] = await insert('ai', 'queued');
    await insert('agent', 'sent');
    await w.api.app.get(JobProducer).enqueue('messages.send', { tenant_id: t.id, message_id: answer.id });
    const row = await waitFor(
      async () => {
        const [m] = (await w.db.query(
          `SELECT status, error_code, provider_message_id FROM messages WHERE id = $1`,
          [answer.id],
        )) as { status: string; error_code: string | null; provider_message_id: string | null }[];
        return m.status === 'queued' ? undefined : m;
      },
      20_000,
      'the answer settled',
    );
    expect(row).toEqual({ status: 'failed', error_code: 'ai:human_took_over', provider_message_id: null });
  });

  it('none after AUTO_REPLY_MAX_IN_A_ROW AI answers with no agent between (a bot answering the bot)', async () => {
    const t = await w.tenantWithProduct({ ai: { auto_reply: true } });
    const l = await w.lead(t);
    const conversation = await conversationOf(t, l);
    // The AI has answered this lead's automatic replies ten times today.
    for (let i = 0; i < AUTO_REPLY_MAX_IN_A_ROW; i++)
      await w.db.query(
        `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
           idempotency_key, content, created_at)
         VALUES ($1, $2, $3, $4, 'outbound', 'sms', 'ai', 'simulator', 'sent', $5, 'How can I help?', $6)`,
        [uuidv7(), t.id, conversation.id, l.id, `ai-loop-${uuidv7()}`, w.clock.now()],
      );
    const inbound = await leadWrites(t, l, 'What does it cost?');
    expect(await label(t, inbound.id)).toBe('question');
    await autoReplyRan(inbound.id);
    const senders = (await w.messagesOf(t, l.id)).map((m) => m.sender);
    expect(senders.filter((s) => s === 'ai')).toHaveLength(AUTO_REPLY_MAX_IN_A_ROW);
  });

  it('none with the setting off (the default)', async () => {
    const t = await w.tenantWithProduct();
    const l = await w.lead(t);
    await asksUnanswered(t, l);
  });

  it('none to a lead opted out of the channel (the contact policy)', async () => {
    const t = await w.tenantWithProduct({ ai: { auto_reply: true } });
    const l = await w.lead(t);
    await w.db.query(`UPDATE leads SET opted_out_channels = '{sms}' WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      l.id,
    ]);
    await asksUnanswered(t, l);
    const calls = (await w.db.query(
      `SELECT count(*)::int AS n FROM ai_interactions WHERE tenant_id = $1 AND lead_id = $2 AND kind = 'auto_reply'`,
      [t.id, l.id],
    )) as { n: number }[];
    expect(calls[0].n).toBe(0);
  });

  it("none outside 08:00-21:00 in the lead's local time: it is asked for again when the hours open", async () => {
    // 22:00 in New York.
    const t = await w.tenantWithProduct({ ai: { auto_reply: true } }, new Date('2026-12-02T03:00:00Z'));
    const l = await w.lead(t);
    const inbound = await asksUnanswered(t, l);
    // 08:00 the next morning in New York.
    const opens = new Date('2026-12-02T13:00:00Z').getTime();
    const later = await w.api.app
      .get(JobProducer)
      .queue(QueueName.Classification)
      .getJob(autoReplyLaterJobId(inbound.id, opens));
    expect(later?.data).toEqual({ tenant_id: t.id, message_id: inbound.id });
    expect(await later?.getState()).toBe('delayed');
    expect(later?.opts.delay).toBe(opens - w.clock.nowMs());
  });

  it('none once a human answered the message, or the lead wrote again; the newer message is answered', async () => {
    // The setting is off while the lead writes (the classification's jobs answer nothing); the answers are asked
    // for directly once it is on.
    const t = await w.tenantWithProduct();
    const service = w.api.app.get(AiAutoReplyService);
    const [first, second] = [await w.lead(t), await w.lead(t)];
    const asked = await leadWrites(t, first, 'What does it cost?');
    await autoReplyRan(asked.id);
    const human = await w.http
      .post(`/api/conversations/${asked.conversation_id}/messages`)
      .set(t.admin.headers)
      .send({ body: 'It is 49 a month.' });
    expect(human.status).toBe(201);
    // The human's message hands the conversation to humans; back to the AI, it still does not answer over them.
    const back = await w.http
      .patch(`/api/conversations/${asked.conversation_id}`)
      .set(t.admin.headers)
      .send({ ai_mode: 'auto' });
    expect(back.status).toBe(200);

    const older = await leadWrites(t, second, 'What does it cost?');
    await autoReplyRan(older.id);
    const newer = await leadWrites(t, second, 'And is there a trial?');
    await autoReplyRan(newer.id);

    const on = await w.http
      .patch('/api/tenant')
      .set(t.admin.headers)
      .send({ settings: { ai: { auto_reply: true } } });
    expect(on.status).toBe(200);
    expect(await service.answer(t.id, asked.id)).toBe('agent_answered');
    expect(await service.answer(t.id, older.id)).toBe('superseded');
    expect(await service.answer(t.id, newer.id)).toBe('sent');
    expect((await w.messagesOf(t, first.id)).map((m) => m.sender)).toEqual(['lead', 'agent']);
    const answers = (await w.messagesOf(t, second.id)).filter((m) => m.sender === 'ai');
    expect(answers.map((m) => m.idempotency_key)).toEqual([`ai-reply:${newer.id}`]);
  });
});
