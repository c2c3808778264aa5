import { FakeHttpServer } from '../../test/fake-http.server';
import { providerRejection } from '../../test/provider-rejection';
import { OpenAiLlmAdapter } from './openai-llm.adapter';
import type { OpenAiLlmAdapterOptions } from './openai-llm.adapter';
import {
  AGENT_INPUT,
  API_KEY,
  CLASSIFY_ANSWER,
  CLASSIFY_INPUT,
  PRODUCT_INPUT,
  responsesAnswer,
  WRITE_INPUT,
} from './openai.fixtures';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('OpenAiLlmAdapter on the Responses API, against a local OpenAI-compatible server', () => {
  let server: FakeHttpServer;

  const adapter = (options: Partial<OpenAiLlmAdapterOptions> = {}) =>
    new OpenAiLlmAdapter({
      apiKey: API_KEY,
      baseUrl: `${server.url}/v1`,
      model: 'gpt-4o-mini',
      apiStyle: 'responses',
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

  it('classifies through POST /responses with instructions, input and text.format', async () => {
    server.reply({ status: 200, body: responsesAnswer(JSON.stringify(CLASSIFY_ANSWER)) });
    const result = await adapter({ model: 'gpt-4.1' }).classifyReply(CLASSIFY_INPUT);

    expect(server.last.path).toBe('/v1/responses');
    expect(server.last.headers.authorization).toBe(`Bearer ${API_KEY}`);
    const sent = body();
    expect(sent.model).toBe('gpt-4.1');
    expect(sent.store).toBe(false);
    expect(sent.temperature).toBe(0);
    expect(sent.instructions).toContain('Judge the NEW text');
    expect(sent.input).toEqual([{ role: 'user', content: expect.stringContaining(CLASSIFY_INPUT.text) }]);
    expect(sent.text.format).toMatchObject({
      type: 'json_schema',
      name: 'reply_classification',
      strict: true,
    });
    expect(sent.text.format.schema.properties.referral.anyOf).toHaveLength(2);
    expect(sent.response_format).toBeUndefined();

    expect(result.output).toEqual(CLASSIFY_ANSWER);
    expect(result.usage).toMatchObject({
      provider: 'openai',
      model: 'gpt-4.1-2025-04-14',
      input_tokens: 1200,
      output_tokens: 90,
    });
    expect(result.usage.cost_usd).toBeCloseTo((1200 * 2 + 90 * 8) / 1e6, 12);
  });

  it('runs every structured task and a raw prompt', async () => {
    const llm = adapter({ maxTokens: 256 });
    server.reply(
      { status: 200, body: responsesAnswer(JSON.stringify({ body: 'Thanks Ada!', subject: null })) },
      {
        status: 200,
        body: responsesAnswer(
          JSON.stringify({ response: 'Noted.', actions: [], confidence: 0.6, qualified: null }),
        ),
      },
      {
        status: 200,
        body: responsesAnswer(
          JSON.stringify({
            reply: 'Reachline for dental clinics: what do clinics gain from it?',
            status: 'clarifying',
            metadata: { ...PRODUCT_INPUT.metadata, product: 'Reachline', industries: ['dental clinics'] },
            missing: ['value_propositions', 'ideal_customer'],
          }),
        ),
      },
      { status: 200, body: responsesAnswer('Hello.') },
    );
    expect((await llm.writeMessage({ ...WRITE_INPUT, channel: 'whatsapp' })).output).toEqual({
      body: 'Thanks Ada!',
      subject: null,
      shortened_from_chars: null,
    });
    expect(body().max_output_tokens).toBe(256);
    expect(body().text.format.name).toBe('written_message');

    expect((await llm.runAgent(AGENT_INPUT)).output).toEqual({
      response: 'Noted.',
      actions: [],
      confidence: 0.6,
      qualified: null,
    });
    expect(body().max_output_tokens).toBe(400);

    const turn = await llm.productContextTurn(PRODUCT_INPUT);
    expect(turn.output).toMatchObject({
      status: 'clarifying',
      metadata: { product: 'Reachline', industries: ['dental clinics'], tone: null },
    });
    expect(body().text.format.name).toBe('product_context_turn');

    const raw = await llm.complete({ prompt: 'Say hello' });
    expect(raw.output).toBe('Hello.');
    expect(body().instructions).toBeUndefined();
    expect(body().input).toEqual([{ role: 'user', content: 'Say hello' }]);
    expect(body().text).toBeUndefined();
  });

  it("raises an agent's own token limit below what its answer needs to run-agent's 256", async () => {
    server.reply({
      status: 200,
      body: responsesAnswer(
        JSON.stringify({ response: 'Noted.', actions: [], confidence: 0.6, qualified: null }),
      ),
    });
    await adapter().runAgent({ ...AGENT_INPUT, agent: { ...AGENT_INPUT.agent, max_tokens: 50 } });
    expect(body().max_output_tokens).toBe(256);
  });

  it('treats an incomplete structured answer as invalid_response and a failed response as unavailable', async () => {
    server.reply(
      {
        status: 200,
        body: responsesAnswer('{"label":', {
          status: 'incomplete',
          incomplete_details: { reason: 'max_output_tokens' },
        }),
      },
      {
        status: 200,
        body: responsesAnswer('', { status: 'failed', error: { code: 'server_error', message: 'boom' } }),
      },
    );
    const llm = adapter();
    const incomplete = await providerRejection(llm.classifyReply(CLASSIFY_INPUT));
    expect(incomplete).toMatchObject({ kind: 'invalid_response' });
    expect(incomplete.message).toContain('max_output_tokens');
    const failed = await providerRejection(llm.classifyReply(CLASSIFY_INPUT));
    expect(failed).toMatchObject({ kind: 'unavailable', retryable: true, providerCode: 'server_error' });
  });
});
