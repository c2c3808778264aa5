import { ProviderError } from '../provider-error';
import { openAiCostUsd, openAiPrice } from './openai-pricing';
import { retryDelayMs } from './openai-retry';
import type { RetryPolicy } from './openai-retry';

describe('openAiCostUsd', () => {
  it.each([
    ['gpt-4o', 2.5, 10],
    ['gpt-4o-mini', 0.15, 0.6],
    ['gpt-4.1', 2, 8],
    ['gpt-4.1-mini', 0.4, 1.6],
    ['gpt-4.1-nano', 0.1, 0.4],
    ['o3-mini', 1.1, 4.4],
    ['gpt-3.5-turbo', 0.5, 1.5],
    ['gpt-4', 30, 60],
  ])('prices %s per million tokens', (model, input, output) => {
    expect(openAiPrice(model)).toEqual({ input, output });
    expect(openAiCostUsd(model, 1_000_000, 1_000_000)).toBeCloseTo(input + output, 10);
  });

  it('matches dated variants by the longest known prefix', () => {
    expect(openAiPrice('gpt-4o-mini-2024-07-18')).toEqual(openAiPrice('gpt-4o-mini'));
    expect(openAiPrice('gpt-4o-2024-08-06')).toEqual(openAiPrice('gpt-4o'));
    expect(openAiPrice('gpt-4o-2024-05-13')).toEqual({ input: 5, output: 15 });
    expect(openAiPrice('gpt-4.1-2025-04-14')).toEqual(openAiPrice('gpt-4.1'));
    expect(openAiPrice('o3-mini-2025-01-31')).toEqual(openAiPrice('o3-mini'));
    expect(openAiPrice('gpt-3.5-turbo-0125')).toEqual(openAiPrice('gpt-3.5-turbo'));
    expect(openAiPrice('gpt-4-0613')).toEqual(openAiPrice('gpt-4'));
    expect(openAiPrice('gpt-4-turbo-2024-04-09')).toEqual({ input: 10, output: 30 });
    expect(openAiPrice('GPT-4o-Mini')).toEqual(openAiPrice('gpt-4o-mini'));
    expect(openAiPrice('openai/gpt-4.1-mini')).toEqual(openAiPrice('gpt-4.1-mini'));
  });

  it('does not take a longer name for a variant (gpt-4o is not gpt-4, gpt-4.1 is not gpt-4)', () => {
    expect(openAiPrice('gpt-4o')).not.toEqual(openAiPrice('gpt-4'));
    expect(openAiPrice('gpt-4.1')).not.toEqual(openAiPrice('gpt-4'));
  });

  it('costs nothing for an unknown (self-hosted) model', () => {
    expect(openAiPrice('meta-llama/Llama-3.1-8B-Instruct')).toBeUndefined();
    expect(openAiCostUsd('llama3.1:8b', 5000, 800)).toBe(0);
    expect(openAiCostUsd('gpt4o', 5000, 800)).toBe(0);
  });

  it('computes a small call exactly', () => {
    expect(openAiCostUsd('gpt-4o-mini', 20, 5)).toBeCloseTo((20 * 0.15 + 5 * 0.6) / 1e6, 12);
    expect(openAiCostUsd('gpt-4o-mini', -3, 0)).toBe(0);
  });
});

describe('retryDelayMs', () => {
  const policy: RetryPolicy = { maxRetries: 5, baseMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 10_000 };
  const unavailable = ProviderError.fromHttp('openai', 503);

  it('doubles the backoff each retry, with jitter between half and all of it, up to the cap', () => {
    expect(retryDelayMs(unavailable, 0, policy, () => 0)).toBe(50);
    expect(retryDelayMs(unavailable, 0, policy, () => 1)).toBe(100);
    expect(retryDelayMs(unavailable, 2, policy, () => 0)).toBe(200);
    expect(retryDelayMs(unavailable, 2, policy, () => 1)).toBe(400);
    expect(retryDelayMs(unavailable, 4, policy, () => 1)).toBe(1000);
  });

  it('waits what the server asked for, unless it is longer than the policy allows', () => {
    const limited = ProviderError.fromHttp('openai', 429, { retryAfterMs: 2500 });
    expect(retryDelayMs(limited, 0, policy)).toBe(2500);
    const tooLong = ProviderError.fromHttp('openai', 429, { retryAfterMs: 60_000 });
    expect(retryDelayMs(tooLong, 0, policy)).toBeNull();
  });

  it('never retries a non-retryable error or past maxRetries', () => {
    expect(retryDelayMs(ProviderError.fromHttp('openai', 401), 0, policy)).toBeNull();
    expect(retryDelayMs(ProviderError.fromHttp('openai', 400), 0, policy)).toBeNull();
    expect(retryDelayMs(unavailable, 5, policy)).toBeNull();
  });
});
