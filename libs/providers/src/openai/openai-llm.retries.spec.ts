import pino from 'pino';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closedPortUrl, FakeHttpServer } from '../../test/fake-http.server';
import { providerRejection } from '../../test/provider-rejection';
import { OpenAiLlmAdapter } from './openai-llm.adapter';
import type { OpenAiLlmAdapterOptions } from './openai-llm.adapter';
import {
  API_KEY,
  chatCompletion,
  CLASSIFY_ANSWER,
  CLASSIFY_INPUT,
  ERROR_400,
  ERROR_401,
  ERROR_429,
  ERROR_429_QUOTA,
  ERROR_500,
  ERROR_503,
  openAiError,
  responsesAnswer,
} from './openai.fixtures';

/**
 * A server that takes requests and never answers (or answers headers and never ends the body, or closes the
 * connection halfway through the body).
 */
class SilentServer {
  received = 0;
  private constructor(private readonly server: Server) {}

  static async start(mode: 'nothing' | 'headers-only' | 'cut-body'): Promise<SilentServer> {
    const server = createServer();
    const silent = new SilentServer(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      silent.received++;
      req.resume();
      if (mode !== 'nothing') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"chatcmpl-1","object":"chat.completion",');
      }
      if (mode === 'cut-body') setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return silent;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('OpenAiLlmAdapter errors, retries and timeouts', () => {
  let server: FakeHttpServer;

  const adapter = (options: Partial<OpenAiLlmAdapterOptions> = {}) =>
    new OpenAiLlmAdapter({
      apiKey: API_KEY,
      baseUrl: `${server.url}/v1`,
      model: 'gpt-4o-mini',
      apiStyle: 'chat',
      timeoutMs: 2000,
      maxRetries: 3,
      retryBaseMs: 1,
      retryMaxDelayMs: 5,
      ...options,
    });

  const success = { status: 200, body: chatCompletion(JSON.stringify(CLASSIFY_ANSWER)) };

  beforeEach(async () => {
    server = await FakeHttpServer.start();
  });

  afterEach(() => server.close());

  it.each([
    [400, ERROR_400, 'rejected', 'invalid_json_schema'],
    [401, ERROR_401, 'auth', 'invalid_api_key'],
    [
      403,
      openAiError(
        'Project does not have access to model gpt-4o-mini',
        'invalid_request_error',
        'model_not_found',
      ),
      'auth',
      'model_not_found',
    ],
    [
      404,
      openAiError('The model `gpt-9` does not exist', 'invalid_request_error', 'model_not_found'),
      'rejected',
      'model_not_found',
    ],
  ])('does not retry HTTP %i and maps it to %s with OpenAI’s code', async (status, body, kind, code) => {
    server.reply({ status, body });
    const error = await providerRejection(adapter().classifyReply(CLASSIFY_INPUT));
    expect(error).toMatchObject({
      provider: 'openai',
      kind,
      retryable: false,
      httpStatus: status,
      providerCode: code,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('never repeats the API key, even the part OpenAI echoes on 401', async () => {
    server.reply({ status: 401, body: ERROR_401 });
    const error = await providerRejection(adapter().complete({ prompt: 'hi' }));
    expect(error.message).toContain('Incorrect API key provided');
    expect(error.message).not.toContain('sk-test');
    expect(error.message).not.toContain(API_KEY);
  });

  it('keeps no raw answer as the cause: a server echoing the whole key does not get it into a log line', async () => {
    server.reply({ status: 401, body: { error: { message: `Bad key ${API_KEY}`, type: 'auth' } } });
    const error = await providerRejection(adapter().complete({ prompt: 'hi' }));
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify(pino.stdSerializers.err(error))).not.toContain(API_KEY);
    server.reply({ status: 200, body: `{"id": "${API_KEY}"` });
    const unreadable = await providerRejection(adapter().complete({ prompt: 'hi' }));
    expect(JSON.stringify(pino.stdSerializers.err(unreadable))).not.toContain(API_KEY);
  });

  it("keeps the words of a compatible server's plain-string error (LM Studio), trimmed, bounded and without the key", async () => {
    const said = 'Model "qwen2.5-7b-instruct" is not loaded. Load it in LM Studio first.';
    server.reply({ status: 400, body: { error: `  ${said}\n` } });
    const error = await providerRejection(adapter().complete({ prompt: 'hi' }));
    expect(error).toMatchObject({ kind: 'rejected', httpStatus: 400, retryable: false });
    expect(error.message).toBe(`openai 400: ${said}`);
    server.reset().reply({ status: 400, body: { error: `Bad key ${API_KEY}. ${'x'.repeat(2000)}` } });
    const long = await providerRejection(adapter().complete({ prompt: 'hi' }));
    expect(long.message).toMatch(/^openai 400: Bad key \[redacted\]\. x+…$/);
    expect(long.message.length).toBeLessThan(350);
    expect(long.message).not.toContain(API_KEY);
  });

  it('uses error.type as the code when OpenAI gives no code', async () => {
    server.reply({ status: 500, body: ERROR_500 });
    const error = await providerRejection(adapter({ maxRetries: 0 }).complete({ prompt: 'hi' }));
    expect(error).toMatchObject({
      kind: 'unavailable',
      retryable: true,
      httpStatus: 500,
      providerCode: 'server_error',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 429 after the retry-after-ms the server asked for, then succeeds', async () => {
    server.reply({ status: 429, headers: { 'retry-after-ms': '80' }, body: ERROR_429 }, success);
    const started = Date.now();
    const result = await adapter().classifyReply(CLASSIFY_INPUT);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect(result.output).toEqual(CLASSIFY_ANSWER);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].json).toEqual(server.requests[0].json);
    // Latency covers the whole call, the wait included.
    expect(result.usage.latency_ms).toBeGreaterThanOrEqual(75);
  });

  it('stops at maxRetries on a lasting 429 and reports the rate limit with its retry-after', async () => {
    server.reply({ status: 429, headers: { 'retry-after-ms': '3' }, body: ERROR_429 });
    const error = await providerRejection(adapter({ maxRetries: 2 }).classifyReply(CLASSIFY_INPUT));
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      httpStatus: 429,
      providerCode: 'rate_limit_exceeded',
      retryAfterMs: 3,
    });
    expect(server.requests).toHaveLength(3);
  });

  it('does not sit through a retry-after longer than allowed: the caller gets it to come back later', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '7' }, body: ERROR_429 }, success);
    const error = await providerRejection(adapter({ maxRetryAfterMs: 1000 }).classifyReply(CLASSIFY_INPUT));
    expect(error).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 7000 });
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a 429 for an exhausted quota', async () => {
    server.reply({ status: 429, body: ERROR_429_QUOTA }, success);
    const error = await providerRejection(adapter().classifyReply(CLASSIFY_INPUT));
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryable: false,
      providerCode: 'insufficient_quota',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('retries 5xx with growing backoff and gives up after maxRetries', async () => {
    server.reply({ status: 500, body: ERROR_500 });
    const started = Date.now();
    const error = await providerRejection(
      adapter({ maxRetries: 3, retryBaseMs: 20, retryMaxDelayMs: 1000 }).classifyReply(CLASSIFY_INPUT),
    );
    // Waits of at least 10, 20 and 40 ms (half of 20·2^n, plus jitter).
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true, httpStatus: 500 });
    expect(server.requests).toHaveLength(4);
  });

  it('makes one attempt only when maxRetries is 0', async () => {
    server.reply({ status: 503, body: ERROR_503 }, success);
    const error = await providerRejection(adapter({ maxRetries: 0 }).classifyReply(CLASSIFY_INPUT));
    expect(error).toMatchObject({ kind: 'unavailable', httpStatus: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it('recovers from a 503 on the Responses API', async () => {
    server.reply(
      { status: 503, body: ERROR_503 },
      { status: 200, body: responsesAnswer(JSON.stringify(CLASSIFY_ANSWER)) },
    );
    const result = await adapter({ apiStyle: 'responses' }).classifyReply(CLASSIFY_INPUT);
    expect(result.output).toEqual(CLASSIFY_ANSWER);
    expect(server.requests).toHaveLength(2);
    expect(server.requests.every((r) => r.path === '/v1/responses')).toBe(true);
  });

  it('honours x-should-retry: false on a 5xx', async () => {
    server.reply({ status: 500, headers: { 'x-should-retry': 'false' }, body: ERROR_500 }, success);
    const error = await providerRejection(adapter().classifyReply(CLASSIFY_INPUT));
    expect(error).toMatchObject({ kind: 'unavailable', retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('turns a server that never answers into a retryable network timeout, retried up to maxRetries', async () => {
    const silent = await SilentServer.start('nothing');
    try {
      const llm = adapter({ baseUrl: silent.url, timeoutMs: 150, maxRetries: 1 });
      const started = Date.now();
      const error = await providerRejection(llm.classifyReply(CLASSIFY_INPUT));
      expect(error).toMatchObject({
        provider: 'openai',
        kind: 'network',
        retryable: true,
        providerCode: 'timeout',
      });
      expect(error.message).toContain('150 ms');
      expect(silent.received).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      await silent.close();
    }
  });

  it('times out a server that sends headers and never finishes the body', async () => {
    const silent = await SilentServer.start('headers-only');
    try {
      const error = await providerRejection(
        adapter({ baseUrl: silent.url, timeoutMs: 150, maxRetries: 0 }).classifyReply(CLASSIFY_INPUT),
      );
      expect(error).toMatchObject({ kind: 'network', retryable: true, providerCode: 'timeout' });
      expect(silent.received).toBe(1);
    } finally {
      await silent.close();
    }
  });

  it('retries a connection that closes halfway through the answer: a network error, not an unreadable answer', async () => {
    const cut = await SilentServer.start('cut-body');
    try {
      const error = await providerRejection(
        adapter({ baseUrl: cut.url, timeoutMs: 2000, maxRetries: 1 }).classifyReply(CLASSIFY_INPUT),
      );
      expect(error).toMatchObject({
        provider: 'openai',
        kind: 'network',
        retryable: true,
        mayHaveBeenSent: true,
      });
      expect(cut.received).toBe(2);
    } finally {
      await cut.close();
    }
  });

  it('maps a refused connection to a retryable network error after its retries', async () => {
    const error = await providerRejection(
      adapter({ baseUrl: `${await closedPortUrl()}/v1`, maxRetries: 2 }).classifyReply(CLASSIFY_INPUT),
    );
    expect(error).toMatchObject({ kind: 'network', retryable: true, mayHaveBeenSent: false });
  });

  it('does not retry an answer that fails validation', async () => {
    server.reply({ status: 200, body: chatCompletion('{"label":"interested"}') }, success);
    const error = await providerRejection(adapter().classifyReply(CLASSIFY_INPUT));
    expect(error.kind).toBe('invalid_response');
    expect(server.requests).toHaveLength(1);
  });
});
