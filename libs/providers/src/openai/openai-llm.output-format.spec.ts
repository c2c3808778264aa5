import { FakeHttpServer } from '../../test/fake-http.server';
import { providerRejection } from '../../test/provider-rejection';
import { LlmAnswerError } from '../llm/llm-answer.error';
import { OpenAiLlmAdapter } from './openai-llm.adapter';
import type { OpenAiLlmAdapterOptions } from './openai-llm.adapter';
import { openAiCostUsd } from './openai-pricing';
import {
  AGENT_INPUT,
  API_KEY,
  chatCompletion,
  CLASSIFY_ANSWER,
  CLASSIFY_INPUT,
  ERROR_400,
  ERROR_400_COMPATIBLE_NO_JSON_SCHEMA,
  ERROR_400_JSON_WORD_MISSING,
  ERROR_400_NO_JSON_MODE,
  ERROR_400_NO_STRUCTURED_OUTPUTS,
  ERROR_400_NO_STRUCTURED_OUTPUTS_RESPONSES,
  responsesAnswer,
} from './openai.fixtures';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('OpenAiLlmAdapter on models without Structured Outputs (JSON mode, then the schema in the prompt)', () => {
  let server: FakeHttpServer;

  const adapter = (options: Partial<OpenAiLlmAdapterOptions> = {}) =>
    new OpenAiLlmAdapter({
      apiKey: API_KEY,
      baseUrl: `${server.url}/v1`,
      model: 'gpt-4-turbo',
      apiStyle: 'chat',
      timeoutMs: 2000,
      maxRetries: 2,
      retryBaseMs: 1,
      ...options,
    });

  const bodies = () => server.requests.map((r) => r.json as Body);
  const answer = (usage = { prompt_tokens: 900, completion_tokens: 70, total_tokens: 970 }) => ({
    status: 200,
    body: chatCompletion(JSON.stringify(CLASSIFY_ANSWER), { model: 'gpt-4-turbo-2024-04-09', usage }),
  });

  beforeEach(async () => {
    server = await FakeHttpServer.start();
  });

  afterEach(() => server.close());

  it('asks again once in JSON mode with the schema in the system message, validates it, and counts what it cost', async () => {
    server.reply({ status: 400, body: ERROR_400_NO_STRUCTURED_OUTPUTS }, answer());
    const result = await adapter().classifyReply(CLASSIFY_INPUT);

    expect(result.output).toEqual(CLASSIFY_ANSWER);
    expect(result.prompt_version).toBe('classify-reply@1');
    const [strict, jsonMode] = bodies();
    expect(strict.response_format.type).toBe('json_schema');
    expect(jsonMode.response_format).toEqual({ type: 'json_object' });
    // The same call otherwise, the schema stated where JSON mode needs the word "json".
    expect(jsonMode.temperature).toBe(strict.temperature);
    expect(jsonMode.messages[1]).toEqual(strict.messages[1]);
    expect(jsonMode.messages[0].content).toContain(strict.messages[0].content);
    expect(jsonMode.messages[0].content).toContain('# Answer format');
    expect(jsonMode.messages[0].content).toContain(JSON.stringify(strict.response_format.json_schema.schema));
    // The refused request is not billed (its 400 reports no usage): the tokens and cost are the answer's.
    expect(result.usage).toMatchObject({
      model: 'gpt-4-turbo-2024-04-09',
      input_tokens: 900,
      output_tokens: 70,
      cost_usd: openAiCostUsd('gpt-4-turbo-2024-04-09', 900, 70),
    });
    expect(server.requests).toHaveLength(2);
  });

  it('remembers the downgrade for that model on that server: later calls go straight to JSON mode', async () => {
    server.reply({ status: 400, body: ERROR_400_NO_STRUCTURED_OUTPUTS }, answer());
    await adapter().classifyReply(CLASSIFY_INPUT);
    server.reset().reply(answer());
    await adapter().classifyReply(CLASSIFY_INPUT);
    expect(bodies().map((b) => b.response_format.type)).toEqual(['json_object']);

    // Another model on the same server is still asked for Structured Outputs.
    server.reset().reply(answer());
    await adapter({ model: 'gpt-4o-mini' }).classifyReply(CLASSIFY_INPUT);
    expect(bodies().map((b) => b.response_format.type)).toEqual(['json_schema']);
  });

  it('asks for Structured Outputs again once what it learned is an hour old (a server may have been upgraded)', async () => {
    let now = new Date('2026-11-30T09:00:00Z');
    const clocked = () => adapter({ now: () => now });
    server.reply({ status: 400, body: ERROR_400_NO_STRUCTURED_OUTPUTS }, answer());
    await clocked().classifyReply(CLASSIFY_INPUT);
    now = new Date('2026-11-30T10:00:01Z');
    server.reset().reply(answer());
    await clocked().classifyReply(CLASSIFY_INPUT);
    expect(bodies().map((b) => b.response_format.type)).toEqual(['json_schema']);
  });

  it('a model without JSON mode either (gpt-4) is asked without a response format, the schema in the prompt', async () => {
    server.reply(
      { status: 400, body: ERROR_400_NO_STRUCTURED_OUTPUTS },
      { status: 400, body: ERROR_400_NO_JSON_MODE },
      {
        status: 200,
        body: chatCompletion(`\`\`\`json\n${JSON.stringify(CLASSIFY_ANSWER)}\n\`\`\``, {
          model: 'gpt-4-0613',
        }),
      },
    );
    const result = await adapter({ model: 'gpt-4' }).classifyReply(CLASSIFY_INPUT);
    expect(result.output).toEqual(CLASSIFY_ANSWER);
    const sent = bodies();
    expect(sent.map((b) => b.response_format?.type)).toEqual(['json_schema', 'json_object', undefined]);
    expect(sent[2].messages[0].content).toContain('# Answer format');
    expect(result.usage).toMatchObject({ input_tokens: 812, output_tokens: 64 });

    server.reset().reply({ status: 200, body: chatCompletion(JSON.stringify(CLASSIFY_ANSWER)) });
    await adapter({ model: 'gpt-4' }).classifyReply(CLASSIFY_INPUT);
    expect(bodies()[0].response_format).toBeUndefined();
  });

  it('a JSON-mode answer is validated exactly as a structured one, and its usage is carried on the rejection', async () => {
    server.reply(
      { status: 400, body: ERROR_400_NO_STRUCTURED_OUTPUTS },
      {
        status: 200,
        body: chatCompletion(JSON.stringify({ ...CLASSIFY_ANSWER, label: 'maybe' }), {
          usage: { prompt_tokens: 950, completion_tokens: 120, total_tokens: 1070 },
        }),
      },
    );
    const error = await providerRejection(adapter().classifyReply(CLASSIFY_INPUT));
    expect(error).toBeInstanceOf(LlmAnswerError);
    expect(error.message).toContain('label must be one of the following values');
    expect((error as LlmAnswerError).usage).toMatchObject({ input_tokens: 950, output_tokens: 120 });
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    ['an unusable schema (invalid_json_schema)', ERROR_400, 'invalid_json_schema'],
    ['JSON mode without the word json', ERROR_400_JSON_WORD_MISSING, 'invalid_request_error'],
  ])('any other 400 fails at once, unretried and unlearned: %s', async (_name, body, code) => {
    server.reply({ status: 400, body });
    const error = await providerRejection(adapter().classifyReply(CLASSIFY_INPUT));
    expect(error).toMatchObject({ kind: 'rejected', httpStatus: 400, providerCode: code, retryable: false });
    expect(server.requests).toHaveLength(1);
    server.reset().reply(answer());
    await adapter().classifyReply(CLASSIFY_INPUT);
    expect(bodies()[0].response_format.type).toBe('json_schema');
  });

  it('a refusal of JSON mode when Structured Outputs were asked is not taken for their refusal', async () => {
    server.reply({ status: 400, body: ERROR_400_NO_JSON_MODE });
    const error = await providerRejection(adapter().classifyReply(CLASSIFY_INPUT));
    expect(error).toMatchObject({ kind: 'rejected', httpStatus: 400 });
    expect(server.requests).toHaveLength(1);
  });

  it('an OpenAI-compatible server that names json_schema as an invalid response_format.type gets JSON mode', async () => {
    server.reply({ status: 400, body: ERROR_400_COMPATIBLE_NO_JSON_SCHEMA }, answer());
    const result = await adapter({ model: 'doubao-pro-32k' }).classifyReply(CLASSIFY_INPUT);
    expect(result.output.label).toBe('out_of_office');
    expect(bodies().map((b) => b.response_format.type)).toEqual(['json_schema', 'json_object']);
  });

  it('on the Responses API: JSON mode in text.format, the instructions as a developer input message', async () => {
    server.reply(
      { status: 400, body: ERROR_400_NO_STRUCTURED_OUTPUTS_RESPONSES },
      {
        status: 200,
        body: responsesAnswer(
          JSON.stringify({ response: 'Noted.', actions: [], confidence: 0.7, qualified: null }),
          { model: 'gpt-3.5-turbo-0125' },
        ),
      },
    );
    const result = await adapter({ apiStyle: 'responses', model: 'gpt-3.5-turbo' }).runAgent(AGENT_INPUT);
    expect(result.output).toEqual({ response: 'Noted.', actions: [], confidence: 0.7, qualified: null });
    const [strict, jsonMode] = bodies();
    expect(strict.text.format.type).toBe('json_schema');
    expect(jsonMode.text).toEqual({ format: { type: 'json_object' } });
    // "json" must be in the input messages: the instructions do not count.
    expect(jsonMode.instructions).toBeUndefined();
    expect(jsonMode.input).toEqual([
      { role: 'developer', content: expect.stringContaining(strict.instructions) },
      strict.input[0],
    ]);
    expect(jsonMode.input[0].content).toContain('JSON schema');
    expect(result.usage).toMatchObject({ input_tokens: 1200, output_tokens: 90 });
  });
});
