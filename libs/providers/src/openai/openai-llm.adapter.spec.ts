import { Logger } from '@nestjs/common';
import { FakeHttpServer } from '../../test/fake-http.server';
import { LlmAnswerError } from '../llm/llm-answer.error';
import { providerRejection } from '../../test/provider-rejection';
import { MAX_ANSWER_BYTES, OpenAiLlmAdapter } from './openai-llm.adapter';
import type { OpenAiLlmAdapterOptions } from './openai-llm.adapter';
import { openAiCostUsd } from './openai-pricing';
import {
  AGENT_INPUT,
  API_KEY,
  chatCompletion,
  CLASSIFY_ANSWER,
  CLASSIFY_INPUT,
  PRODUCT_INPUT,
  WRITE_INPUT,
} from './openai.fixtures';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('OpenAiLlmAdapter on Chat Completions, against a local OpenAI-compatible server', () => {
  let server: FakeHttpServer;

  const adapter = (options: Partial<OpenAiLlmAdapterOptions> = {}) =>
    new OpenAiLlmAdapter({
      apiKey: API_KEY,
      baseUrl: `${server.url}/v1`,
      model: 'gpt-4o-mini',
      apiStyle: 'chat',
      timeoutMs: 2000,
      maxRetries: 0,
      retryBaseMs: 1,
      ...options,
    });

  const body = () => server.last.json as Body;

  beforeEach(async () => {
    server = await FakeHttpServer.start();
  });

  afterEach(() => server.close());

  describe('Chat Completions', () => {
    it('classifies a reply with the versioned prompt and a strict JSON schema, and counts usage and cost', async () => {
      server.reply({ status: 200, body: chatCompletion(JSON.stringify(CLASSIFY_ANSWER)) });
      const result = await adapter().classifyReply(CLASSIFY_INPUT);

      expect(server.requests).toHaveLength(1);
      expect(server.last.method).toBe('POST');
      expect(server.last.path).toBe('/v1/chat/completions');
      expect(server.last.headers.authorization).toBe(`Bearer ${API_KEY}`);
      const sent = body();
      expect(sent.model).toBe('gpt-4o-mini');
      expect(sent.temperature).toBe(0);
      expect(sent.messages).toHaveLength(2);
      expect(sent.messages[0].role).toBe('system');
      expect(sent.messages[0].content).toContain('Judge the NEW text');
      expect(sent.messages[0].content).toContain('out until X" means back on X');
      expect(sent.messages[0].content).toContain('"unsubscribe link is broken?" (question)');
      expect(sent.messages[1]).toMatchObject({ role: 'user' });
      expect(sent.messages[1].content).toContain('Monday, 30 November 2026 at 10:00 (Europe/Berlin)');
      expect(sent.messages[1].content).toContain('Europe/Berlin');
      expect(sent.messages[1].content).toContain(CLASSIFY_INPUT.text);
      expect(sent.response_format.type).toBe('json_schema');
      expect(sent.response_format.json_schema).toMatchObject({ name: 'reply_classification', strict: true });
      const schema = sent.response_format.json_schema.schema;
      expect(schema.additionalProperties).toBe(false);
      expect(schema.required).toEqual([
        'label',
        'confidence',
        'reason',
        'return_date',
        'referral',
        'language',
      ]);
      expect(schema.properties.label.enum).toContain('unsubscribe');

      expect(result.output).toEqual(CLASSIFY_ANSWER);
      expect(result.prompt_version).toBe('classify-reply@1');
      expect(result.usage).toMatchObject({
        provider: 'openai',
        model: 'gpt-4o-mini-2024-07-18',
        input_tokens: 812,
        output_tokens: 64,
      });
      expect(result.usage.cost_usd).toBeCloseTo((812 * 0.15 + 64 * 0.6) / 1e6, 12);
      expect(result.usage.latency_ms).toBeGreaterThanOrEqual(0);
    });

    it('keeps a referral only on wrong_person and normalises it', async () => {
      server.reply({
        status: 200,
        body: chatCompletion(
          JSON.stringify({
            label: 'wrong_person',
            confidence: 0.88,
            reason: 'Not the right contact; names a colleague.',
            return_date: '2026-12-01',
            referral: { name: 'Jane Doe', email: ' Jane@Example.com ', phone: null },
            language: 'EN-gb',
          }),
        ),
      });
      const { output } = await adapter().classifyReply({ ...CLASSIFY_INPUT, text: 'Talk to Jane instead.' });
      expect(output).toEqual({
        label: 'wrong_person',
        confidence: 0.88,
        reason: 'Not the right contact; names a colleague.',
        return_date: null,
        referral: { name: 'Jane Doe', email: 'jane@example.com', phone: null },
        language: 'en',
      });
    });

    it("classifies at temperature 0 whatever the tenant's temperature, and never with fewer tokens than its answer needs", async () => {
      server.reply({ status: 200, body: chatCompletion(JSON.stringify(CLASSIFY_ANSWER)) });
      await adapter({ temperature: 1.2, maxTokens: 50 }).classifyReply(CLASSIFY_INPUT);
      expect(body().temperature).toBe(0);
      expect(body().max_tokens).toBe(400);
      server.reply({ status: 200, body: chatCompletion(JSON.stringify(CLASSIFY_ANSWER)) });
      await adapter({ maxTokens: 2000 }).classifyReply(CLASSIFY_INPUT);
      expect(body().max_tokens).toBe(2000);
    });

    it('writes a message from the product, the lead and the history, with the subject on email only', async () => {
      server.reply({
        status: 200,
        body: chatCompletion(
          JSON.stringify({ body: 'Hi Ada, a colleague will send pricing today.', subject: 'Pricing' }),
        ),
      });
      const llm = adapter({ temperature: 0.4, maxTokens: 300 });
      const email = await llm.writeMessage(WRITE_INPUT);
      expect(email.output).toEqual({
        body: 'Hi Ada, a colleague will send pricing today.',
        subject: 'Pricing',
        shortened_from_chars: null,
      });
      expect(email.prompt_version).toBe('write-message@2');
      const sent = body();
      expect(sent.temperature).toBe(0.4);
      expect(sent.max_tokens).toBe(300);
      expect(sent.response_format.json_schema.name).toBe('written_message');
      const payload = JSON.parse(sent.messages[1].content as string) as Body;
      expect(payload).toMatchObject({ purpose: 'auto_reply', channel: 'email', max_chars: 600 });
      expect(payload.product.product).toBe('Reachline');
      expect(payload.lead.first_name).toBe('Ada');
      expect(payload.history[1].content).toBe('What does it cost?');

      const sms = await llm.writeMessage({ ...WRITE_INPUT, channel: 'sms', max_chars: 160 });
      expect(sms.output.subject).toBeNull();
    });

    it('cuts a written body longer than the limit at its last sentence end that fits, and says so', async () => {
      const written = [
        'Hi Ada, thanks for asking about pricing.',
        'Reachline answers every patient reply within a minute, so no enquiry waits until the morning.',
        'A colleague will send you the clinic plan and its yearly price today.',
        'Would a short call on Thursday suit you to go through it together?',
      ].join(' ');
      server.reply({ status: 200, body: chatCompletion(JSON.stringify({ body: written, subject: null })) });
      const result = await adapter().writeMessage({ ...WRITE_INPUT, channel: 'sms', max_chars: 220 });
      expect(result.output).toEqual({
        body:
          'Hi Ada, thanks for asking about pricing. Reachline answers every patient reply within a minute, so no ' +
          'enquiry waits until the morning. A colleague will send you the clinic plan and its yearly price today.',
        subject: null,
        shortened_from_chars: written.length,
      });
      expect(result.output.body.length).toBeLessThanOrEqual(220);
      expect(result.usage).toMatchObject({ input_tokens: 812, output_tokens: 64 });
      expect(server.requests).toHaveLength(1);
    });

    it('cuts between words, with an ellipsis, when the first sentence alone is over the limit', async () => {
      const written =
        'Hi Ada, Reachline answers every patient reply within a minute, books the appointments your front desk ' +
        'would otherwise chase by phone, and reminds patients the day before so that fewer chairs stay empty. ' +
        'Shall I send the price?';
      server.reply({ status: 200, body: chatCompletion(JSON.stringify({ body: written, subject: null })) });
      const { output } = await adapter().writeMessage({ ...WRITE_INPUT, channel: 'sms', max_chars: 160 });
      expect(output.body).toBe(
        'Hi Ada, Reachline answers every patient reply within a minute, books the appointments your front desk ' +
          'would otherwise chase by phone, and reminds patients the…',
      );
      expect(output.body.length).toBeLessThanOrEqual(160);
      expect(output.shortened_from_chars).toBe(written.length);
    });

    it('rejects a body that cannot be cut between words, with the usage the answer cost', async () => {
      server.reply({
        status: 200,
        body: chatCompletion(JSON.stringify({ body: 'x'.repeat(200), subject: null })),
      });
      const error = await providerRejection(
        adapter().writeMessage({ ...WRITE_INPUT, channel: 'sms', max_chars: 160 }),
      );
      expect(error).toBeInstanceOf(LlmAnswerError);
      expect(error).toMatchObject({ kind: 'invalid_response', retryable: false, provider: 'openai' });
      expect(error.message).toContain('body is 200 characters, the limit is 160');
      expect((error as LlmAnswerError).promptVersion).toBe('write-message@2');
    });

    it('runs a product-context turn and recomputes what is missing', async () => {
      server.reply({
        status: 200,
        body: chatCompletion(
          JSON.stringify({
            reply: 'Got it: Reachline for dental clinics. What do clinics gain from it?',
            status: 'confirmed',
            metadata: {
              product: 'Reachline',
              description: null,
              value_propositions: [],
              industries: ['Dental clinics', 'dental clinics '],
              ideal_customer: null,
              tone: 'friendly',
            },
            missing: ['description'],
          }),
        ),
      });
      const { output, prompt_version } = await adapter().productContextTurn(PRODUCT_INPUT);
      expect(prompt_version).toBe('product-context-turn@1');
      expect(output).toEqual({
        reply: 'Got it: Reachline for dental clinics. What do clinics gain from it?',
        status: 'clarifying',
        metadata: {
          product: 'Reachline',
          description: null,
          value_propositions: [],
          industries: ['Dental clinics'],
          ideal_customer: null,
          tone: 'friendly',
        },
        missing: ['description', 'value_propositions', 'ideal_customer'],
      });
      expect(body().response_format.json_schema.schema.properties.metadata.required).toHaveLength(6);
      expect(JSON.parse(body().messages[1].content as string)).toMatchObject({
        user_message: PRODUCT_INPUT.user_message,
      });
    });

    it('runs an agent with its own prompt, temperature and token limit, and turns parameter pairs into an object', async () => {
      server.reply({
        status: 200,
        body: chatCompletion(
          JSON.stringify({
            response: 'Budget and timing confirmed: the lead is qualified.',
            actions: [
              {
                type: 'schedule_call',
                parameters: [
                  { name: 'lead_id', value: AGENT_INPUT.lead!.id },
                  { name: 'suggested_time', value: '2026-12-01T14:00:00Z' },
                ],
              },
            ],
            confidence: 0.9,
            qualified: true,
          }),
        ),
      });
      const result = await adapter({ temperature: 0.9 }).runAgent(AGENT_INPUT);
      expect(result.prompt_version).toBe('run-agent@1');
      expect(result.output).toEqual({
        response: 'Budget and timing confirmed: the lead is qualified.',
        actions: [
          {
            type: 'schedule_call',
            parameters: { lead_id: AGENT_INPUT.lead!.id, suggested_time: '2026-12-01T14:00:00Z' },
          },
        ],
        confidence: 0.9,
        qualified: true,
      });
      const sent = body();
      expect(sent.temperature).toBe(0.2);
      expect(sent.max_tokens).toBe(400);
      expect(sent.messages[0].content).toContain('Qualify leads for budget and timing.');
      expect(sent.messages[0].content).toContain('"Qualifier"');
      expect(sent.response_format.json_schema.name).toBe('agent_run_output');
    });

    it("raises an agent's own token limit to what its answer needs (256), as it does the adapter's", async () => {
      server.reply({
        status: 200,
        body: chatCompletion(
          JSON.stringify({ response: 'Noted.', actions: [], confidence: 0.6, qualified: null }),
        ),
      });
      const cases: [number | null, number | undefined, number | undefined][] = [
        // [the agent's max_tokens, the adapter's maxTokens, the max_tokens sent]
        [50, undefined, 256],
        [50, 2000, 256],
        [null, 50, 256],
        [1000, 50, 1000],
        [null, undefined, undefined],
      ];
      for (const [agentLimit, adapterLimit, sent] of cases) {
        const agent = { ...AGENT_INPUT.agent, max_tokens: agentLimit };
        await adapter({ maxTokens: adapterLimit }).runAgent({ ...AGENT_INPUT, agent });
        expect([agentLimit, adapterLimit, body().max_tokens]).toEqual([agentLimit, adapterLimit, sent]);
      }
      // A reasoning model takes the limit as max_completion_tokens: raised the same.
      const agent = { ...AGENT_INPUT.agent, max_tokens: 50 };
      await adapter({ model: 'o4-mini' }).runAgent({ ...AGENT_INPUT, agent });
      expect(body().max_completion_tokens).toBe(256);
      expect(body().max_tokens).toBeUndefined();
    });

    it('answers a raw prompt as plain text, without a response format', async () => {
      server.reply({
        status: 200,
        body: chatCompletion('Hello there.', { model: 'llama3.1:8b', usage: null }),
      });
      const result = await adapter({ model: 'llama3.1:8b' }).complete({
        prompt: 'Say hello',
        system: 'Be brief.',
        temperature: 0.1,
        max_tokens: 20,
      });
      expect(result.output).toBe('Hello there.');
      expect(result.prompt_version).toBe('complete@1');
      expect(body()).toEqual({
        model: 'llama3.1:8b',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Say hello' },
        ],
        temperature: 0.1,
        max_tokens: 20,
      });
      // A server that reports no usage: estimated tokens; an unknown (self-hosted) model costs nothing.
      expect(result.usage).toMatchObject({
        model: 'llama3.1:8b',
        input_tokens: 5,
        output_tokens: 3,
        cost_usd: 0,
      });
    });

    it('sends no temperature and max_completion_tokens to a reasoning model', async () => {
      server.reply({
        status: 200,
        body: chatCompletion(JSON.stringify(CLASSIFY_ANSWER), { model: 'o3-mini-2025-01-31' }),
      });
      const result = await adapter({ model: 'o3-mini', maxTokens: 500 }).classifyReply(CLASSIFY_INPUT);
      expect(body().temperature).toBeUndefined();
      expect(body().max_completion_tokens).toBe(500);
      expect(body().max_tokens).toBeUndefined();
      expect(result.usage.cost_usd).toBeCloseTo(openAiCostUsd('o3-mini', 812, 64), 12);
    });

    it('reads JSON wrapped in a Markdown fence (servers that ignore response_format)', async () => {
      server.reply({
        status: 200,
        body: chatCompletion(`\`\`\`json\n${JSON.stringify(CLASSIFY_ANSWER)}\n\`\`\``),
      });
      const { output } = await adapter().classifyReply(CLASSIFY_INPUT);
      expect(output.label).toBe('out_of_office');
    });

    it('rejects an answer that is not JSON as invalid_response, without echoing it', async () => {
      server.reply({
        status: 200,
        body: chatCompletion('Sure! The label is interested. My secret is hunter2.'),
      });
      const error = await providerRejection(adapter().classifyReply(CLASSIFY_INPUT));
      expect(error).toMatchObject({ kind: 'invalid_response', retryable: false, provider: 'openai' });
      expect(error.message).toContain('classify-reply@1');
      expect(error.message).toContain('not JSON');
      expect(error.message).not.toContain('hunter2');
      expect(server.requests).toHaveLength(1);
    });

    it.each([
      ['a declared length', {}],
      ['a chunked body', { 'transfer-encoding': 'chunked' }],
    ])(
      'stops reading an answer past MAX_ANSWER_BYTES (%s): invalid_response, not retried',
      async (_case, headers) => {
        // Valid JSON of a chat completion, larger than any answer of 32,000 tokens could be.
        server.reply({
          status: 200,
          headers,
          body: chatCompletion('a'.repeat(MAX_ANSWER_BYTES + 1024)),
        });
        // Over 4 MB to read: time enough that only the size can end it (the usual 2 s ran out on a loaded machine).
        const error = await providerRejection(
          adapter({ maxRetries: 2, timeoutMs: 20_000 }).complete({ prompt: 'Hi' }),
        );
        expect(error).toMatchObject({ kind: 'invalid_response', retryable: false, provider: 'openai' });
        expect(error.message).toContain(`more than ${MAX_ANSWER_BYTES} bytes`);
        expect(server.requests).toHaveLength(1);
      },
    );

    it('rejects JSON that breaks the schema as invalid_response with the reasons', async () => {
      server.reply({
        status: 200,
        body: chatCompletion(
          JSON.stringify({ ...CLASSIFY_ANSWER, label: 'maybe', confidence: 1.7, return_date: '2026-02-30' }),
        ),
      });
      const error = await providerRejection(adapter({ maxRetries: 2 }).classifyReply(CLASSIFY_INPUT));
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toContain('label must be one of the following values');
      expect(error.message).toContain('confidence must not be greater than 1');
      expect(error.message).toContain('return_date must be a real calendar date');
      expect(server.requests).toHaveLength(1);
    });

    it('keeps the label of an answer whose language or return date is unusable: that field becomes null, with a warning', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        server.reply(
          {
            status: 200,
            body: chatCompletion(
              JSON.stringify({
                ...CLASSIFY_ANSWER,
                label: 'not_interested',
                return_date: null,
                language: 'English',
              }),
            ),
          },
          {
            status: 200,
            body: chatCompletion(JSON.stringify({ ...CLASSIFY_ANSWER, return_date: 'next Monday' })),
          },
        );
        const language = await adapter().classifyReply(CLASSIFY_INPUT);
        expect(language.output).toEqual({
          ...CLASSIFY_ANSWER,
          label: 'not_interested',
          return_date: null,
          language: null,
        });
        const returnDate = await adapter().classifyReply(CLASSIFY_INPUT);
        expect(returnDate.output).toEqual({ ...CLASSIFY_ANSWER, return_date: null });

        const warnings = warn.mock.calls.map(([message]) => String(message));
        expect(warnings).toEqual([
          'openai answered classify-reply@1 with unusable side fields, set to null: language must be an ISO 639-1 code',
          'openai answered classify-reply@1 with unusable side fields, set to null: ' +
            'return_date must be a real calendar date; return_date must be YYYY-MM-DD',
        ]);
        expect(warnings.join('\n')).not.toMatch(/English|next Monday/);
      } finally {
        warn.mockRestore();
      }
    });

    it('rejects an answer missing a required field, and a nested field of the wrong type', async () => {
      const { referral: _referral, ...withoutReferral } = CLASSIFY_ANSWER;
      server.reply(
        { status: 200, body: chatCompletion(JSON.stringify(withoutReferral)) },
        {
          status: 200,
          body: chatCompletion(
            JSON.stringify({
              reply: 'ok',
              status: 'clarifying',
              metadata: { ...PRODUCT_INPUT.metadata, industries: 'dental' },
              missing: [],
            }),
          ),
        },
      );
      const missing = await providerRejection(adapter().classifyReply(CLASSIFY_INPUT));
      expect(missing.message).toContain('referral must be an object');
      const nested = await providerRejection(adapter().productContextTurn(PRODUCT_INPUT));
      expect(nested.message).toContain('metadata.industries must be an array');
    });

    it('carries the usage the server reported on an answer that fails validation, priced as a success', async () => {
      server.reply({
        status: 200,
        body: chatCompletion(JSON.stringify({ ...CLASSIFY_ANSWER, label: 'maybe' }), {
          usage: { prompt_tokens: 950, completion_tokens: 120, total_tokens: 1070 },
        }),
      });
      const error = await providerRejection(adapter().classifyReply(CLASSIFY_INPUT));
      expect(error).toBeInstanceOf(LlmAnswerError);
      const { usage, promptVersion } = error as LlmAnswerError;
      expect(promptVersion).toBe('classify-reply@1');
      expect(usage).toMatchObject({
        provider: 'openai',
        model: 'gpt-4o-mini-2024-07-18',
        input_tokens: 950,
        output_tokens: 120,
      });
      expect(usage.cost_usd).toBeCloseTo((950 * 0.15 + 120 * 0.6) / 1e6, 12);
      expect(usage.cost_usd).toBe(openAiCostUsd('gpt-4o-mini-2024-07-18', 950, 120));
      expect(usage.latency_ms).toBeGreaterThanOrEqual(0);
    });

    it('treats a refusal and a cut-off answer as invalid_response', async () => {
      server.reply(
        { status: 200, body: chatCompletion(null, { refusal: "I'm sorry, I can't help with that." }) },
        { status: 200, body: chatCompletion('{"label": "inter', { finish_reason: 'length' }) },
      );
      const refused = await providerRejection(adapter().classifyReply(CLASSIFY_INPUT));
      expect(refused).toMatchObject({ kind: 'invalid_response' });
      expect(refused.message).toContain('refused');
      // Both were billed: the error carries their usage.
      expect((refused as LlmAnswerError).usage).toMatchObject({ input_tokens: 812, output_tokens: 64 });
      const cut = await providerRejection(adapter().classifyReply(CLASSIFY_INPUT));
      expect(cut.message).toContain('cut off');
      expect((cut as LlmAnswerError).usage.cost_usd).toBe(openAiCostUsd('gpt-4o-mini-2024-07-18', 812, 64));
    });
  });
});
