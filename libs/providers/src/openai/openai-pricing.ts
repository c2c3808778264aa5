/** USD per 1M tokens: [input, output]. OpenAI's list prices for standard (non-batch, uncached) requests. */
const PRICES_PER_MILLION: Readonly<Record<string, readonly [number, number]>> = {
  'gpt-5.1': [1.25, 10],
  'gpt-5': [1.25, 10],
  'gpt-5-mini': [0.25, 2],
  'gpt-5-nano': [0.05, 0.4],
  'gpt-4.1': [2, 8],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1-nano': [0.1, 0.4],
  'gpt-4o': [2.5, 10],
  'gpt-4o-2024-05-13': [5, 15],
  'gpt-4o-mini': [0.15, 0.6],
  'chatgpt-4o-latest': [5, 15],
  'gpt-4.5-preview': [75, 150],
  'gpt-4-turbo': [10, 30],
  'gpt-4-vision-preview': [10, 30],
  'gpt-4-1106-preview': [10, 30],
  'gpt-4-0125-preview': [10, 30],
  'gpt-4': [30, 60],
  'gpt-4-32k': [60, 120],
  'gpt-3.5-turbo': [0.5, 1.5],
  'gpt-3.5-turbo-instruct': [1.5, 2],
  o1: [15, 60],
  'o1-mini': [1.1, 4.4],
  'o1-pro': [150, 600],
  o3: [2, 8],
  'o3-pro': [20, 80],
  'o3-mini': [1.1, 4.4],
  'o4-mini': [1.1, 4.4],
};

/** Keys longest first, so `gpt-4o-mini` wins over `gpt-4o` and `gpt-4o` over `gpt-4`. */
const KEYS = Object.keys(PRICES_PER_MILLION).sort((a, b) => b.length - a.length);

/**
 * The price entry of a model: its exact name, or the longest known name it extends with `-` (dated variants such
 * as `gpt-4o-mini-2024-07-18`). An `openai/` prefix (as some gateways spell it) is ignored. Undefined for a model
 * we know no price of (a local vLLM / Ollama model).
 */
export function openAiPrice(model: string): { input: number; output: number } | undefined {
  const name = model
    .trim()
    .toLowerCase()
    .replace(/^openai\//, '');
  const key = KEYS.find((k) => name === k || name.startsWith(`${k}-`));
  if (!key) return undefined;
  const [input, output] = PRICES_PER_MILLION[key];
  return { input, output };
}

/** What a call cost in USD at list price; 0 for models without a known price (self-hosted ones). */
export function openAiCostUsd(model: string, inputTokens: number, outputTokens: number): number {
  const price = openAiPrice(model);
  if (!price) return 0;
  const cost =
    (Math.max(0, inputTokens) * price.input + Math.max(0, outputTokens) * price.output) / 1_000_000;
  return Math.round(cost * 1e10) / 1e10;
}
