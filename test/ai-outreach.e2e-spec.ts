import { ManualClock } from '@app/common';
import { createTenant, TestTenant, waitFor } from '@app/testing';
import { FakeOpenAiServer } from '../apps/api/src/llm/fake-openai.fixture';
import { AiOutreachWorld, Json, MORNING_NY } from './ai-outreach.fixture';

/**
 * Issue 7 item 3, AI_MESSAGE campaign steps through the API with the simulator and TWO workers on one platform
 * clock: they run (no longer refused at launch), written from the product context and the lead, sent once, with their
 * usage on the message and an ai_interactions row; override holds them and cede resumes them with the human's
 * messages in the history; a failed write retries the job and never sends, its tokens recorded; a body over the
 * channel's limit is cut at a sentence end and sent at once, the cut recorded. Auto-replies: ai-auto-reply.e2e-spec.
 */
describe('AI_MESSAGE campaign steps, two workers (e2e)', () => {
  const w = new AiOutreachWorld(new ManualClock(MORNING_NY), 'ai-outreach');

  beforeAll(() => w.start(), 60_000);
  afterAll(() => w.close());

  /** The campaign's one enrollment once failed: its status and stop reason. */
  const failedEnrollment = (t: TestTenant, campaignId: string) =>
    waitFor(
      async () => {
        const [row] = (await w.db.query(
          `SELECT status, stop_reason FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2`,
          [t.id, campaignId],
        )) as Json[];
        return row?.status === 'failed' ? row : undefined;
      },
      15_000,
      'the enrollment to fail',
    );

  async function campaignWith(t: TestTenant, leadIds: string[], step: Json): Promise<string> {
    const created = await w.http
      .post('/api/campaigns')
      .set(t.admin.headers)
      .send({ name: `AI ${w.n}`, steps: [{ type: 'AI_MESSAGE', ...step }] });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    const enrolled = await w.http
      .post(`/api/campaigns/${id}/leads`)
      .set(t.admin.headers)
      .send({ lead_ids: leadIds });
    expect(enrolled.status).toBe(200);
    return id;
  }

  /**
   * A tenant on the scripted OpenAI server, which answers `status` from then on, one lead, and a started one-step
   * AI_MESSAGE SMS campaign for it.
   */
  async function startedOnFake(fake: FakeOpenAiServer, status: number) {
    const t = await w.tenantOnOpenAi(fake.baseUrl);
    fake.mode = { status };
    const l = await w.lead(t);
    const id = await campaignWith(t, [l.id], {
      content: 'Introduce the product',
      options: { channel: 'sms' },
    });
    await start(t, id);
    return { t, l, id };
  }

  const start = async (t: TestTenant, id: string) => {
    const res = await w.http.post(`/api/campaigns/${id}/start`).set(t.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data as { queued: number };
  };

  describe('AI_MESSAGE campaign steps', () => {
    it('launches and each lead gets one AI message written from the product context and its fields, with its usage', async () => {
      const t = await w.tenantWithProduct();
      const leads = [await w.lead(t), await w.lead(t), await w.lead(t)];
      const id = await campaignWith(
        t,
        leads.map((l) => l.id),
        { content: 'Introduce the product to {{company}}', options: { channel: 'email' } },
      );
      expect((await start(t, id)).queued).toBe(3);

      for (const [i, l] of leads.entries()) {
        const [m, ...more] = await w.aiMessages(t, l.id, 1, `the AI message to lead ${i}`);
        expect(more).toEqual([]);
        const number = w.n - 2 + i;
        // Written from the product context and the lead's own fields.
        const text = `${m.subject} ${m.content}`;
        expect(text).toContain(`Lead${number}`);
        expect(text).toContain(`Company${number}`);
        expect(text).toContain('Brightdesk');
        expect(m).toMatchObject({ direction: 'outbound', sender: 'ai' });
        expect(m.idempotency_key).toMatch(/^campaign:[0-9a-f-]{36}:0:1$/);
        expect(m.ai_usage).toEqual({
          interaction_id: expect.any(String),
          provider: 'local',
          model: 'reachline-local-1',
          prompt_version: expect.stringMatching(/\S/),
          input_tokens: expect.any(Number),
          output_tokens: expect.any(Number),
          cost_usd: 0,
        });
        expect(m.ai_usage!.input_tokens).toBeGreaterThan(0);
        expect(m.ai_usage!.output_tokens).toBeGreaterThan(0);
        const row = await w.interaction(t, m.ai_usage!.interaction_id as string);
        expect(Number(row.cost_usd)).toBe(0);
        expect(row).toMatchObject({
          kind: 'message',
          lead_id: l.id,
          provider: 'local',
          model: 'reachline-local-1',
          prompt_version: m.ai_usage!.prompt_version,
          input_tokens: m.ai_usage!.input_tokens,
          output_tokens: m.ai_usage!.output_tokens,
          success: true,
          input: expect.objectContaining({
            purpose: 'campaign_step',
            channel: 'email',
            campaign_id: id,
            instructions: `Introduce the product to Company${number}`,
            resumed_after_cede: false,
            history: [],
          }),
        });

        // The message routes show it with its usage.
        const conversation = await w.http
          .get(`/api/campaigns/${id}/leads/${l.id}/conversation`)
          .set(t.admin.headers);
        expect(conversation.status).toBe(200);
        expect(conversation.body.data.messages).toEqual([
          expect.objectContaining({ id: m.id, sender: 'ai', ai_usage: m.ai_usage }),
        ]);
        const inbox = await w.http
          .get(`/api/conversations/${m.conversation_id}/messages`)
          .set(t.admin.headers);
        expect(inbox.status).toBe(200);
        expect(inbox.body.data).toEqual([expect.objectContaining({ id: m.id, ai_usage: m.ai_usage })]);
      }
      await waitFor(
        async () => {
          const res = await w.http.get(`/api/campaigns/${id}`).set(t.admin.headers);
          return res.body.data.status === 'completed' ? true : undefined;
        },
        10_000,
        'the campaign to complete',
      );
      // Another tenant sees none of it.
      const other = await createTenant(w.http);
      const [first] = await w.messagesOf(t, leads[0].id);
      expect(
        (await w.http.get(`/api/conversations/${first.conversation_id}/messages`).set(other.admin.headers))
          .status,
      ).toBe(404);
    });

    it('an overridden lead gets no AI message until ceded, then one written with the human message in its history', async () => {
      const t = await w.tenantWithProduct();
      const [a, b] = [await w.lead(t), await w.lead(t)];
      const id = await campaignWith(t, [a.id, b.id], {
        content: 'Introduce the product',
        options: { channel: 'email' },
      });
      const override = await w.http.post(`/api/campaigns/${id}/leads/${b.id}/override`).set(t.admin.headers);
      expect(override.status).toBe(200);
      const human = 'About the pricing you asked about at the fair: our clinic plan is billed yearly.';
      const manual = await w.http
        .post(`/api/campaigns/${id}/leads/${b.id}/messages`)
        .set(t.admin.headers)
        .send({ body: human, subject: 'Our chat at the fair', channel: 'email' });
      expect(manual.status).toBe(201);
      await start(t, id);

      await w.aiMessages(t, a.id, 1, 'the AI message to the lead not overridden');
      await new Promise((r) => setTimeout(r, 700));
      expect((await w.messagesOf(t, b.id)).map((m) => m.sender)).toEqual(['agent']);

      const cede = await w.http.post(`/api/campaigns/${id}/leads/${b.id}/cede`).set(t.admin.headers);
      expect(cede.status).toBe(200);
      const [m] = await w.aiMessages(t, b.id, 1, 'the AI message after the cede');
      expect((await w.messagesOf(t, b.id)).map((r) => r.sender)).toEqual(['agent', 'ai']);
      const written = await w.interaction(t, m.ai_usage!.interaction_id as string);
      // The AI read the whole conversation, the human's message included, and knows it takes over from a human.
      expect(written.input).toMatchObject({
        resumed_after_cede: true,
        history: [`agent: ${human.slice(0, 160)}`],
      });
      expect(m.content).toContain(`Lead${w.n}`);
    });

    it("after a cede the AI takes up what the human said on another of the lead's channels", async () => {
      const t = await w.tenantWithProduct();
      const l = await w.lead(t);
      const id = await campaignWith(t, [l.id], {
        content: 'Follow up on the conversation',
        options: { channel: 'email' },
      });
      const override = await w.http.post(`/api/campaigns/${id}/leads/${l.id}/override`).set(t.admin.headers);
      expect(override.status).toBe(200);
      const human = 'Thanks for the call: as promised, our clinic plan is billed yearly, details by email.';
      const manual = await w.http
        .post(`/api/campaigns/${id}/leads/${l.id}/messages`)
        .set(t.admin.headers)
        .send({ body: human, channel: 'sms' });
      expect(manual.status).toBe(201);
      await start(t, id);
      const cede = await w.http.post(`/api/campaigns/${id}/leads/${l.id}/cede`).set(t.admin.headers);
      expect(cede.status).toBe(200);

      const [m] = await w.aiMessages(t, l.id, 1, 'the AI email after the cede');
      const [{ channel }] = (await w.db.query(`SELECT channel FROM messages WHERE id = $1`, [
        m.id,
      ])) as Json[];
      expect(channel).toBe('email');
      const written = await w.interaction(t, m.ai_usage!.interaction_id as string);
      // The email's writer read the human's SMS, and knows it takes over from a human.
      expect(written.input).toMatchObject({ resumed_after_cede: true, history: [`agent (sms): ${human}`] });
    });

    it('a failed write retries the job and never sends; the retry that writes sends once', async () => {
      const fake = await new FakeOpenAiServer().start();
      try {
        const t = await w.tenantOnOpenAi(fake.baseUrl);
        // The model answers a message still holding a template placeholder: refused, nothing sent.
        fake.mode = {
          reply: JSON.stringify({ body: 'Hi {{first_name}}, meet Brightdesk!', subject: 'Brightdesk' }),
          promptTokens: 300,
          completionTokens: 20,
        };
        const l = await w.lead(t);
        const id = await campaignWith(t, [l.id], {
          content: 'Introduce the product',
          options: { channel: 'email' },
        });
        await start(t, id);
        const failed = await waitFor(
          async () => {
            const rows = (await w.db.query(
              `SELECT error_code, success FROM ai_interactions WHERE tenant_id = $1 AND lead_id = $2 AND kind = 'message'`,
              [t.id, l.id],
            )) as Json[];
            return rows.length ? rows : undefined;
          },
          15_000,
          'a failed write',
        );
        expect(failed[0]).toEqual({ error_code: 'invalid_response', success: false });
        // The refused answer was billed all the same: its tokens and cost are on the failed interaction.
        const [spent] = (await w.db.query(
          `SELECT input_tokens, output_tokens, cost_usd, prompt_version FROM ai_interactions
            WHERE tenant_id = $1 AND lead_id = $2 AND kind = 'message'`,
          [t.id, l.id],
        )) as Json[];
        expect(spent).toMatchObject({
          input_tokens: 300,
          output_tokens: 20,
          prompt_version: 'write-message@2',
        });
        // gpt-4o-mini at $0.15 / $0.60 per million tokens.
        expect(Number(spent.cost_usd)).toBeCloseTo(0.000057, 10);
        expect(await w.messagesOf(t, l.id)).toEqual([]);

        fake.mode = {
          reply: JSON.stringify({
            body: `Hi Lead${w.n}, Brightdesk keeps clinic messages in one place.`,
            subject: 'Brightdesk',
          }),
          promptTokens: 300,
          completionTokens: 20,
        };
        const [m, ...more] = await w.aiMessages(t, l.id, 1, 'the message of the retried write');
        expect(more).toEqual([]);
        expect(m.content).toBe(`Hi Lead${w.n}, Brightdesk keeps clinic messages in one place.`);
        expect(m.ai_usage).toMatchObject({
          provider: 'openai',
          model: 'gpt-4o-mini',
          input_tokens: 300,
          output_tokens: 20,
        });
        expect(m.ai_usage!.cost_usd).toBeGreaterThan(0);
        await new Promise((r) => setTimeout(r, 500));
        expect((await w.messagesOf(t, l.id)).length).toBe(1);
      } finally {
        await fake.stop();
      }
    });

    it('a key the LLM refuses (401) pauses the campaign with the reason; the lead waits at its step and gets its message once resumed', async () => {
      const fake = await new FakeOpenAiServer().start();
      try {
        const { t, l, id } = await startedOnFake(fake, 401);
        const paused = await waitFor(
          async () => {
            const res = await w.http.get(`/api/campaigns/${id}`).set(t.admin.headers);
            return res.body.data.status === 'paused' ? res.body.data : undefined;
          },
          15_000,
          'the campaign to pause',
        );
        expect(paused.pause_reason).toMatch(
          /^the AI provider refused to write the AI_MESSAGE step \(openai 401/,
        );
        expect(paused.paused_at).toEqual(w.clock.now().toISOString());
        const waiting = async () =>
          (
            (await w.db.query(
              `SELECT status, stop_reason, current_step, attempts FROM campaign_enrollments
                WHERE tenant_id = $1 AND campaign_id = $2`,
              [t.id, id],
            )) as Json[]
          )[0];
        await waitFor(
          async () => ((await waiting()).status === 'waiting' ? true : undefined),
          5_000,
          'release',
        );
        expect(await waiting()).toEqual({
          status: 'waiting',
          stop_reason: null,
          current_step: 0,
          attempts: 0,
        });
        const [logged] = (await w.db.query(
          `SELECT status, description, data FROM activity_log
            WHERE tenant_id = $1 AND type = 'campaign.paused' AND data->>'campaign_id' = $2`,
          [t.id, id],
        )) as Json[];
        expect(logged).toMatchObject({
          status: 'failure',
          description: expect.stringContaining(paused.pause_reason as string),
          data: { from: 'active', to: 'paused', reason: paused.pause_reason },
        });
        const asked = fake.seen.length;
        expect(asked).toBe(1);
        await new Promise((r) => setTimeout(r, 500));
        expect(fake.seen.length).toBe(asked);
        expect(await w.messagesOf(t, l.id)).toEqual([]);

        // The key fixed, a person resumes: the reason goes and the lead gets its message.
        fake.mode = {
          reply: JSON.stringify({
            body: `Hi Lead${w.n}, Brightdesk keeps clinic messages in one place.`,
            subject: 'Brightdesk',
          }),
          promptTokens: 300,
          completionTokens: 20,
        };
        const resumed = await w.http.post(`/api/campaigns/${id}/resume`).set(t.admin.headers);
        expect(resumed.status).toBe(200);
        const after = await w.http.get(`/api/campaigns/${id}`).set(t.admin.headers);
        expect(after.body.data).toMatchObject({ status: 'active', pause_reason: null });
        const [m, ...more] = await w.aiMessages(t, l.id, 1, 'the message written after the resume');
        expect(more).toEqual([]);
        expect(m.content).toBe(`Hi Lead${w.n}, Brightdesk keeps clinic messages in one place.`);
      } finally {
        await fake.stop();
      }
    });

    it("a write the LLM refuses for this lead alone (400) ends the lead's enrollment failed (ai_unavailable): the campaign goes on", async () => {
      const fake = await new FakeOpenAiServer().start();
      try {
        const { t, l, id } = await startedOnFake(fake, 400);
        const enrollment = await failedEnrollment(t, id);
        expect(enrollment).toEqual({ status: 'failed', stop_reason: 'ai_unavailable' });
        const asked = fake.seen.length;
        await new Promise((r) => setTimeout(r, 500));
        expect(fake.seen.length).toBe(asked);
        expect(await w.messagesOf(t, l.id)).toEqual([]);
        const campaign = await w.http.get(`/api/campaigns/${id}`).set(t.admin.headers);
        expect(campaign.body.data).toMatchObject({ pause_reason: null });
        expect(campaign.body.data.status).not.toBe('paused');
      } finally {
        await fake.stop();
      }
    });

    it("a model that keeps writing what cannot go ends the lead's enrollment failed (ai_unsendable) at the fifth refusal", async () => {
      const fake = await new FakeOpenAiServer().start();
      try {
        const t = await w.tenantOnOpenAi(fake.baseUrl);
        fake.mode = {
          reply: JSON.stringify({ body: 'Hi [Company], meet Brightdesk!', subject: 'Brightdesk' }),
          promptTokens: 300,
          completionTokens: 20,
        };
        const l = await w.lead(t);
        // Four refused answers for this lead already today (earlier jobs of the turn).
        for (let i = 0; i < 4; i++)
          await w.db.query(
            `INSERT INTO ai_interactions (tenant_id, kind, lead_id, provider, model, success, error_code, created_at)
             VALUES ($1, 'message', $2, 'openai', 'gpt-4o-mini', false, 'invalid_response', $3)`,
            [t.id, l.id, w.clock.now()],
          );
        const id = await campaignWith(t, [l.id], {
          content: 'Introduce the product',
          options: { channel: 'sms' },
        });
        await start(t, id);
        const enrollment = await failedEnrollment(t, id);
        expect(enrollment).toEqual({ status: 'failed', stop_reason: 'ai_unsendable' });
        expect(fake.seen.length).toBe(1);
        await new Promise((r) => setTimeout(r, 500));
        expect(fake.seen.length).toBe(1);
        expect(await w.messagesOf(t, l.id)).toEqual([]);
      } finally {
        await fake.stop();
      }
    });

    it('a body over the channel limit is cut at its last sentence end that fits and sent at once, the cut recorded', async () => {
      const fake = await new FakeOpenAiServer().start();
      try {
        const t = await w.tenantOnOpenAi(fake.baseUrl);
        const l = await w.lead(t);
        const sentences = [
          `Hi Lead${w.n}, this is Sam from Brightdesk, the shared inbox that clinics use for patient messages.`,
          'Every text, email and WhatsApp message from your patients lands in one calm place for the whole team.',
          'Your front desk answers from one screen, so nobody asks the same patient the same question twice.',
          'Reminders go out the day before each appointment, which keeps the chairs full and the phones quiet.',
          'Would a fifteen minute call on Thursday morning suit you to see it working with your own messages?',
          'If Thursday does not work, just tell me a better day and I will fit around your clinic hours.',
        ];
        // An SMS body is limited to 480 characters: the first four sentences fit, the fifth does not.
        const kept = sentences.slice(0, 4).join(' ');
        expect(kept.length).toBeLessThanOrEqual(480);
        expect(sentences.slice(0, 5).join(' ').length).toBeGreaterThan(480);
        const written = sentences.join(' ');
        fake.mode = {
          reply: JSON.stringify({ body: written, subject: null }),
          promptTokens: 300,
          completionTokens: 140,
        };
        const id = await campaignWith(t, [l.id], {
          content: 'Introduce the product',
          options: { channel: 'sms' },
        });
        await start(t, id);
        const [m, ...more] = await w.aiMessages(t, l.id, 1, 'the shortened AI message');
        expect(more).toEqual([]);
        expect(m.content).toBe(kept);
        expect(fake.seen).toHaveLength(1);
        const row = await w.interaction(t, m.ai_usage!.interaction_id as string);
        expect(row).toMatchObject({
          success: true,
          output: { body: kept, subject: null, shortened_from_chars: written.length },
          input: expect.objectContaining({ channel: 'sms', max_chars: 480 }),
          input_tokens: 300,
          output_tokens: 140,
        });
      } finally {
        await fake.stop();
      }
    });
  });
});
